package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The limits a client meets: per-account and per-address write rate limits (429 with Retry-After, nothing written),
 * the login throttle, the request size limit (413) of every service, and the URI and header limits (414, 431) of every
 * service, all answered with the same JSON error body.
 */
class LimitsIT {

    private static final int LIMIT = 5;

    @Test
    void writesOverTheRateLimitAreRefusedWithRetryAfterAndChangeNothing() throws Exception {
        Client limited = Client.registerAndLogIn("limited");
        Client neighbour = Client.registerAndLogIn("neighbour");
        List<Client> targets = new java.util.ArrayList<>();
        for (int i = 0; i < LIMIT + 2; i++) {
            targets.add(Client.registerAndLogIn("target"));
        }
        RunningStack.get().restartWith(ServiceApp.USER, Map.of(
                "SOCIAL_RATE_LIMIT_WRITES_PER_ACCOUNT", String.valueOf(LIMIT),
                "SOCIAL_RATE_LIMIT_WRITES_PER_ADDRESS", String.valueOf(LIMIT),
                "SOCIAL_RATE_LIMIT_WINDOW", "10M"));
        int refused = 0;
        int tried = 0;
        try {
            for (int i = 0; i < LIMIT; i++, tried++) {
                follow(limited, targets.get(i)).then().statusCode(200);
            }
            for (int i = LIMIT; i < LIMIT + 2; i++, tried++) {
                Response over = follow(limited, targets.get(i));
                over.then().statusCode(429).contentType("application/json").body("status", equalTo(429))
                        .body("error", notNullValue());
                assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, 600);
                refused++;
            }
            // reads are not limited, another account has a budget of its own, and the refused follows did not happen
            List<String> following = limited.on(ServiceApp.USER).get("/api/v1/accounts/" + limited.id + "/following")
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(following).containsExactlyInAnyOrderElementsOf(
                    targets.subList(0, LIMIT).stream().map(target -> target.id).toList());
            follow(neighbour, targets.get(LIMIT)).then().statusCode(200);
            tried++;
            // anonymous writes (registration, login) count per client address
            for (int i = 0; i < LIMIT; i++, tried++) {
                register("").then().statusCode(422);
            }
            Response anonymous = register("");
            tried++;
            anonymous.then().statusCode(429).contentType("application/json").body("error", notNullValue());
            assertThat(Integer.parseInt(anonymous.header("Retry-After"))).isPositive();
            refused++;
        } finally {
            RunningStack.get().restartWith(ServiceApp.USER, Map.of());
        }
        new Figures("rate-limits").put("writesTried", tried).put("refusedWith429", refused)
                .put("refusedWritesFoundInStore", 0).write();
    }

    @Test
    void repeatedFailedLoginsAreThrottledEvenForTheRightPassword() {
        Client victim = Client.registerAndLogIn("victim");
        for (int i = 0; i < 5; i++) {
            login(victim.username, "wrong password " + i).then().statusCode(400).contentType("application/json")
                    .body("error", equalTo("invalid_grant")).body("error_description", notNullValue());
        }
        Response throttled = login(victim.username, victim.password);
        throttled.then().statusCode(429).contentType("application/json").body("error", notNullValue());
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        new Figures("login-throttle").put("failedLogins", 5).put("throttledAfter", 5).write();
    }

    @Test
    void everyServiceThatTakesABodyRefusesAnOversizedOneWith413() { // feed-service takes no request bodies
        Client big = Client.registerAndLogIn("big");
        String oversized = "{\"status\":\"" + "x".repeat(70 * 1024) + "\"}";
        Map<ServiceApp, String[]> writes = Map.of(
                ServiceApp.USER, new String[]{"PATCH", "/api/v1/accounts/update_credentials"},
                ServiceApp.POST, new String[]{"POST", "/api/v1/statuses"},
                ServiceApp.NOTIFICATION, new String[]{"POST", "/api/v1/webhooks"});
        writes.forEach((app, call) -> {
            Response response = big.on(app).contentType(ContentType.JSON).body(oversized).request(call[0], call[1]);
            assertThat(response.statusCode()).as("%s %s %s", app, call[0], call[1]).isEqualTo(413);
            assertThat(response.contentType()).as("%s %s %s", app, call[0], call[1]).startsWith("application/json");
            assertThat(response.jsonPath().getString("error")).as("%s %s %s", app, call[0], call[1]).isNotBlank();
        });
        new Figures("body-size").put("servicesChecked", writes.size()).put("bodyBytes", oversized.length()).write();
    }

    @Test
    void everyServiceRefusesAnOverlongUriOrHeaderWithAnErrorBody() {
        for (ServiceApp app : ServiceApp.values()) {
            given().baseUri(RunningStack.url(app)).get("/api/v1/x?q=" + "u".repeat(20_000))
                    .then().statusCode(414).contentType("application/json").body("error", notNullValue());
            given().baseUri(RunningStack.url(app)).header("X-Padding", "h".repeat(20_000)).get("/q/health/live")
                    .then().statusCode(431).contentType("application/json").body("error", notNullValue());
            given().baseUri(RunningStack.url(app)).accept("application/problem+json")
                    .header("X-Padding", "h".repeat(20_000)).get("/q/health/live").then().statusCode(431).contentType("application/problem+json")
                    .body("status", equalTo(431));
        }
    }

    private static Response follow(Client follower, Client followee) {
        return follower.on(ServiceApp.USER).post("/api/v1/accounts/" + followee.id + "/follow");
    }

    /** An anonymous write: a registration (invalid, so that nothing is created if the limit let it through). */
    private static Response register(String username) {
        return given().baseUri(RunningStack.url(ServiceApp.USER)).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", "not-an-email", "password", "x")).post("/api/v1/accounts");
    }

    private static Response login(String username, String password) {
        return given().baseUri(RunningStack.url(ServiceApp.USER)).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .post("/oauth/token");
    }
}
