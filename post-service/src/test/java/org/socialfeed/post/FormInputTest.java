package org.socialfeed.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.Encodings;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.InfrastructureResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Mastodon's form parameters, urlencoded or multipart, post and edit as the same JSON does. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FormInputTest {

    @Test
    void postingAndEditingReadTheSameFromJsonAndForms() {
        TestAccounts.TestAccount author = TestAccounts.register("formauthor");
        String expected = Statuses.post(author, Map.of("status", "caf\u00e9 & #tea", "visibility", "private",
                        "media_attachments", List.of(Map.of("url", "https://cdn.example.org/a.png",
                                "description", "A cup"))))
                .statusCode(200).body("visibility", equalTo("private")).extract().path("content");
        for (Encodings form : Encodings.FORMS) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("status", "caf\u00e9 & #tea");
            parameters.put("visibility", "private");
            parameters.put("media_attachments[0][url]", "https://cdn.example.org/a.png");
            parameters.put("media_attachments[0][description]", "A cup");
            String id = form.body(given().auth().oauth2(author.token()), parameters).post("/api/v1/statuses")
                    .then().statusCode(200).body("content", equalTo(expected)).body("visibility", equalTo("private"))
                    .body("media_attachments", hasSize(1))
                    .body("media_attachments[0].description", equalTo("A cup")).extract().path("id");
            form.body(given().auth().oauth2(author.token()), Map.of("status", "edited"))
                    .put("/api/v1/statuses/" + id).then().statusCode(200)
                    .body("content", equalTo("<p>edited</p>")).body("media_attachments", hasSize(1));
        }
    }

    @Test
    void badFormsGetTheJsonErrorsAndPostNothing() {
        TestAccounts.TestAccount author = TestAccounts.register("formbad");
        for (String bad : new String[] {"status=%zz", "status[=x", "status=a&status[x]=b", "visibility=secret&status=x",
                "status="}) {
            given().auth().oauth2(author.token()).contentType(ContentType.URLENC).body(bad)
                    .post("/api/v1/statuses").then().statusCode(org.hamcrest.Matchers.either(equalTo(400))
                            .or(equalTo(422))).spec(ErrorBody.MASTODON);
        }
        given().auth().oauth2(author.token()).multiPart("status", "with a picture")
                .multiPart("file", "cat.png", new byte[] {1, 2, 3}, "image/png")
                .post("/api/v1/statuses").then().statusCode(422).spec(ErrorBody.MASTODON);
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().statusCode(200).body("$", hasSize(0));
    }
}
