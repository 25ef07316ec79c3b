package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.socialfeed.stack.ServiceApp;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What an app does: register, log in, and call the API with its bearer token. */
final class Client {

    final String username;
    final String password = "a long enough password";
    String token;
    String id;

    private Client(String username) {
        this.username = username;
    }

    static Client registerAndLogIn(String prefix) {
        return registerAndLogInAs(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    }

    /** An account with exactly this username (for one the stack configures, such as the admin). */
    static Client registerAndLogInAs(String username) {
        Client client = new Client(username);
        given().baseUri(RunningStack.url(ServiceApp.USER)).contentType(ContentType.JSON)
                .body(Map.of("username", client.username, "email", client.username + "@example.org",
                        "password", client.password))
                .post("/api/v1/accounts").then().statusCode(200);
        client.token = given().baseUri(RunningStack.url(ServiceApp.USER)).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", client.username)
                .formParam("password", client.password)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        client.id = client.on(ServiceApp.USER).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200).extract().path("id");
        return client;
    }

    RequestSpecification on(ServiceApp app) {
        return given().baseUri(RunningStack.url(app)).auth().oauth2(token);
    }
}
