package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every refusal, from JAX-RS or from the HTTP layer, is a JSON body with Mastodon's {@code error}, served as
 * {@code application/json} unless the client's {@code Accept} prefers {@code application/problem+json} (ADR 10).
 */
@QuarkusTest
class ErrorResponseTest {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    @Test
    void errorsAreMastodonJsonWithTheProblemMembersBeside() {
        given().get("/api/v1/accounts/123456789").then().statusCode(404).contentType(JSON)
                .body("error", notNullValue()).body("type", equalTo("about:blank")).body("title", equalTo("Not Found"))
                .body("status", equalTo(404)).body("detail", notNullValue())
                .body("instance", equalTo("/api/v1/accounts/123456789"));
        given().contentType(ContentType.JSON).body(Map.of("username", "no spaces", "email", "x", "password", "short"))
                .post("/api/v1/accounts").then().statusCode(422).contentType(JSON)
                .body("error", startsWith("Validation failed: "))
                .body("error_description", containsString("username")).body("violations.field", hasItem("email"));
    }

    @Test
    void invalidFieldsAreNamedAsTheClientWroteThem() {
        UserApi.Registered gil = UserApi.register("json_names_gil");
        given().auth().oauth2(gil.token()).contentType(ContentType.JSON).body(Map.of("display_name", "d".repeat(31)))
                .patch("/api/v1/accounts/update_credentials").then().statusCode(422)
                .body("violations.field", hasItem("display_name"))
                .body("error_description", containsString("display_name"));
    }

    @Test
    void problemJsonIsServedWhenAcceptPrefersIt() {
        for (String accept : new String[]{JSON + ", " + PROBLEM, PROBLEM + ", application/json;q=0.5",
                "application/*, " + PROBLEM, PROBLEM + ", */*;q=0.1", "application/json;q=0.8, " + PROBLEM + ";q=0.9"}) {
            given().accept(accept).get("/api/v1/accounts/123456789").then().statusCode(404).contentType(PROBLEM)
                    .body("error", notNullValue()).body("status", equalTo(404));
        }
        for (String accept : new String[]{"*/*", JSON, PROBLEM + ";q=0.5, application/json",
                JSON + ", " + PROBLEM + ";q=0", PROBLEM + ";q=0.2, */*;q=0.9", "application/problem+xml, */*"}) {
            given().accept(accept).get("/api/v1/accounts/123456789").then().statusCode(404).contentType(JSON);
        }
        given().accept(JSON + ", " + PROBLEM).get("/api/v1/accounts/verify_credentials").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        // a refusal from a request filter, before the resource is matched
        given().accept(JSON + ", " + PROBLEM).contentType(ContentType.JSON)
                .body("{\"note\":\"" + "n".repeat(70 * 1024) + "\"}").post("/api/v1/accounts")
                .then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
    }

    @Test
    void theHttpLayerRefusesOverlongUrisAndHeadersWithTheSameBody() {
        given().get("/api/v1/accounts/lookup?acct=" + "a".repeat(20_000)).then().statusCode(414).contentType(JSON)
                .body("error", containsString("URI")).body("status", equalTo(414))
                .body("instance", equalTo(null));
        given().header("X-Padding", "h".repeat(20_000)).get("/api/v1/accounts/lookup").then().statusCode(431)
                .contentType(JSON).body("error", containsString("headers")).body("status", equalTo(431));
        given().accept(PROBLEM).header("X-Padding", "h".repeat(20_000)).get("/api/v1/accounts/lookup").then()
                .statusCode(431).contentType(PROBLEM).body("error", notNullValue());
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreJsonErrors() {
        given().get("/api/v1/no_such_thing").then().statusCode(404).contentType(JSON).body("error", notNullValue());
        given().get("/nothing-here").then().statusCode(404).contentType(JSON).body("error", notNullValue());
        given().delete("/api/v1/accounts/lookup").then().statusCode(405).contentType(JSON)
                .body("error", notNullValue());
        given().contentType(ContentType.TEXT).body("x").post("/api/v1/accounts").then().statusCode(415)
                .contentType(JSON).body("error", notNullValue());
        given().accept("image/png").get("/api/v1/accounts/lookup?acct=x").then().statusCode(406)
                .contentType(JSON).body("error", notNullValue());
    }

    @Test
    void tokenEndpointRefusalsHaveOAuthShape() {
        UserApi.Registered fay = UserApi.register("oauth_fay");
        UserApi.login(fay.username(), "wrong password").statusCode(400).contentType(JSON)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("authorization grant is invalid"));
        given().contentType(ContentType.URLENC).formParam("username", fay.username())
                .formParam("password", UserApi.PASSWORD).post("/oauth/token")
                .then().statusCode(400).contentType(JSON).body("error", equalTo("invalid_request"))
                .body("error_description", notNullValue()).body("detail", containsString("is required"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("username", fay.username()).formParam("password", UserApi.PASSWORD).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"))
                .body("error_description", not(equalTo(null)));
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "password", "username", fay.username()))
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }
}
