package org.socialfeed.support.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    record Body(String text, List<String> tags) {
    }

    private final ObjectMapper mapper = strict();

    @Test
    void takesWellFormedTextIncludingPairsWrittenAsEscapes() throws Exception {
        Body body = mapper.readValue("{\"text\":\"caf\\u00e9 \\ud83d\\ude00 😀\",\"tags\":[\"ok\"]}", Body.class);
        assertThat(body.text()).isEqualTo("café 😀 😀");
        assertThat(body.tags()).containsExactly("ok");
    }

    @Test
    void refusesUnpairedSurrogatesWhereverTheStringStands() {
        for (String json : List.of("{\"text\":\"a\\ud800b\"}", "{\"text\":\"\\udc00\"}", "{\"text\":\"end\\ud83d\"}",
                "{\"text\":\"\\ude00\\ud83d\"}", "{\"text\":\"ok\",\"tags\":[\"fine\",\"\\ud800\"]}")) {
            assertThatThrownBy(() -> mapper.readValue(json, Body.class)).as(json)
                    .isInstanceOf(StrictJson.MalformedText.class);
        }
    }

    @Test
    void refusesTrailingTokens() {
        assertThatThrownBy(() -> mapper.readValue("{\"text\":\"a\"}garbage", Body.class))
                .isNotInstanceOf(StrictJson.MalformedText.class);
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
