package org.socialfeed.post;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls to the statuses API as a test account. */
final class Statuses {

    private Statuses() {
    }

    static ValidatableResponse post(TestAccounts.TestAccount author, Map<String, ?> body) {
        return given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/statuses").then();
    }

    /** Posts and returns the new post's id. */
    static String create(TestAccounts.TestAccount author, String text) {
        return create(author, text, Map.of());
    }

    static String create(TestAccounts.TestAccount author, String text, Map<String, ?> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("status", text);
        return post(author, body).statusCode(200).extract().path("id");
    }

    static ValidatableResponse act(TestAccounts.TestAccount actor, String postId, String action) {
        return given().auth().oauth2(actor.token()).post("/api/v1/statuses/" + postId + "/" + action).then();
    }
}
