package org.socialfeed.support.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormTreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URLENCODED = "application/x-www-form-urlencoded";

    @Test
    void railsNamesBecomeTheTreeOfTheSameJson() throws IOException {
        assertThat(tree("status=hi%20there&sensitive=true&media[]=a&media[]=b&poll[expires_in]=60"
                + "&fields_attributes[1][name]=site&fields_attributes[1][value]=x"
                + "&fields_attributes[0][name]=pronouns&fields_attributes[0][value]=she"))
                .isEqualTo(JSON.readTree("""
                        {"status":"hi there","sensitive":"true","media":["a","b"],"poll":{"expires_in":"60"},
                         "fields_attributes":[{"name":"pronouns","value":"she"},{"name":"site","value":"x"}]}"""));
    }

    @Test
    void plusIsASpaceAndTheLastOfARepeatedValueWins() throws IOException {
        assertThat(tree("note=a+b&note=c+d&home[last_read_id]=5&empty=")).isEqualTo(
                JSON.readTree("{\"note\":\"c d\",\"home\":{\"last_read_id\":\"5\"},\"empty\":\"\"}"));
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() throws IOException {
        assertThat(tree("")).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void multipartTextPartsAreParameters() throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"display_name\"\r\n\r\nAlice \u00e9\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"fields_attributes[0][name]\"\r\n\r\nweb\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n";
        assertThat(FormTree.of(FormInput.parameters("multipart/form-data; boundary=b",
                body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(JSON.readTree("{\"display_name\":\"Alice \u00e9\",\"fields_attributes\":[{\"name\":\"web\"}]}"));
    }

    @Test
    void aFileIsRefusedAsNotSupported() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n";
        assertThatThrownBy(() -> FormInput.parameters("multipart/form-data; boundary=b",
                body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnprocessableEntity.class).hasMessageContaining("avatar")
                .hasMessageContaining("not supported");
    }

    @Test
    void malformedNamesAndBodiesAreTheClientsError() {
        for (String body : List.of("a[b=1", "a]=1", "[x]=1", "a=1&a[b]=2", "a[b]=1&a=2", "a[]=1&a[x]=2",
                "a[][x]=1", "a[b]c=1", "n=%zz", "a" + "[x]".repeat(FormTree.MAX_DEPTH) + "=1")) {
            assertThatThrownBy(() -> tree(body)).as(body).isInstanceOf(BadRequestException.class);
        }
        for (String multipart : List.of("multipart/form-data", "multipart/form-data; boundary=b")) {
            assertThatThrownBy(() -> FormInput.parameters(multipart, "x".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> FormInput.parameters("multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ncut off".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class);
    }

    private static JsonNode tree(String urlencoded) throws IOException {
        return FormTree.of(FormInput.parameters(URLENCODED, urlencoded.getBytes(StandardCharsets.UTF_8)));
    }


    @Test
    void aBodyWithoutContentTypeIsReadAsUrlencoded() throws Exception {
        assertThat(FormTree.of(FormInput.parameters(null, "a=1&b[]=x".getBytes(StandardCharsets.UTF_8))).toString())
                .isEqualTo("{\"a\":\"1\",\"b\":[\"x\"]}");
        assertThat(FormInput.parameters(null, "{\"grant_type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasSize(1);
    }
}
