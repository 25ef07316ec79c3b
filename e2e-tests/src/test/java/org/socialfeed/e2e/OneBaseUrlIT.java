package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * An app configured with nothing but one base URL: every call goes through the stack's router, which routes like
 * the Ingress (ADR 11), to user-service and post-service alike.
 */
class OneBaseUrlIT {

    @Test
    void anAppRegistersPostsAndPagesThroughOneBaseUrl() {
        String api = RunningStack.apiUrl();
        Client alice = Client.registerAndLogInAt(api, Client.uniqueUsername("one_url"));

        String postId = alice.onApi().contentType(ContentType.JSON)
                .body(Map.of("status", "Hello through one base URL", "visibility", "public"))
                .post("/api/v1/statuses")
                .then().statusCode(200).extract().path("id");

        // the longer Ingress path wins: an account's statuses are post-service's, the account itself user-service's
        Response statuses = alice.onApi().get("/api/v1/accounts/" + alice.id + "/statuses");
        statuses.then().statusCode(200).body("id", hasItem(postId));
        alice.onApi().get("/api/v1/accounts/" + alice.id).then().statusCode(200).body("id", equalTo(alice.id));
        // the services see the Host the app used, so paging links stay on the one base URL
        assertThat(statuses.header("Link")).contains("<" + api + "/api/v1/accounts/" + alice.id + "/statuses?");

        given().baseUri(api).get("/api/v1/no_such_thing")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("Record not found"));
    }
}
