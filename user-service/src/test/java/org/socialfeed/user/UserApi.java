package org.socialfeed.user;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers and logs in test users through the public API. */
final class UserApi {

    record Registered(String id, String username, String token) {
    }

    private UserApi() {
    }

    static String uniqueUsername(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static Registered register(String prefix) {
        String username = uniqueUsername(prefix);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.org", "password", "correct horse battery"))
                .post("/api/v1/accounts")
                .then().statusCode(200).extract().path("access_token");
        String id = given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200).extract().path("id");
        return new Registered(id, username, token);
    }
}
