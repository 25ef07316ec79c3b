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
        return registerAndLogInAs(uniqueUsername(prefix));
    }

    static String uniqueUsername(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** An account with exactly this username (for one the stack configures, such as the admin). */
    static Client registerAndLogInAs(String username) {
        return registerAndLogInAt(RunningStack.url(ServiceApp.USER), username);
    }

    /** Registered and logged in at {@code baseUrl}: user-service's own port, or the one base URL of the API. */
    static Client registerAndLogInAt(String baseUrl, String username) {
        Client client = new Client(username);
        given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("username", client.username, "email", client.username + "@example.org",
                        "password", client.password))
                .post("/api/v1/accounts").then().statusCode(200);
        client.token = given().baseUri(baseUrl).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", client.username)
                .formParam("password", client.password)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        client.id = given().baseUri(baseUrl).auth().oauth2(client.token).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200).extract().path("id");
        return client;
    }

    RequestSpecification on(ServiceApp app) {
        return at(RunningStack.url(app));
    }

    /** At one instance of a service, when more than one runs. */
    RequestSpecification at(String serviceUrl) {
        return given().baseUri(serviceUrl).auth().oauth2(token);
    }

    /** Through the one base URL, as an app configured with nothing but that URL and its token calls the API. */
    RequestSpecification onApi() {
        return given().baseUri(RunningStack.apiUrl()).auth().oauth2(token);
    }
}
