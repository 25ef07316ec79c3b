package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The skeleton scenario through all four services: two users register and log in, B follows A, A posts, the post
 * reaches B's home timeline by fan-out from the Kafka event, and A is notified that B followed.
 */
class WalkingSkeletonIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    @Test
    void aPostReachesAFollowersTimelineAndTheFollowIsNotified() {
        Client alice = Client.registerAndLogIn("alice");
        Client bob = Client.registerAndLogIn("bob");

        bob.on(ServiceApp.USER).post("/api/v1/accounts/" + alice.id + "/follow")
                .then().statusCode(200).body("following", equalTo(true));

        String postId = alice.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "Hello from Alice", "visibility", "public"))
                .post("/api/v1/statuses")
                .then().statusCode(200).body("account.id", equalTo(alice.id)).extract().path("id");

        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Map<String, Object>> timeline = bob.on(ServiceApp.FEED).get("/api/v1/timelines/home")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(timeline).extracting(status -> status.get("id")).contains(postId);
            Map<String, Object> status = timeline.stream().filter(s -> postId.equals(s.get("id"))).findFirst().orElseThrow();
            assertThat((String) status.get("content")).contains("Hello from Alice");
            assertThat(((Map<?, ?>) status.get("account")).get("id")).isEqualTo(alice.id);
        });
        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Map<String, Object>> timeline = alice.on(ServiceApp.FEED).get("/api/v1/timelines/home")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(timeline).extracting(status -> status.get("id")).contains(postId);
        });

        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Map<String, Object>> notifications = alice.on(ServiceApp.NOTIFICATION).get("/api/v1/notifications")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(notifications).anySatisfy(notification -> {
                assertThat(notification.get("type")).isEqualTo("follow");
                assertThat(((Map<?, ?>) notification.get("account")).get("id")).isEqualTo(bob.id);
            });
        });
        // nobody is notified of their own actions: Alice's post and Bob's follow notify neither of them themselves
        List<Map<String, Object>> bobsNotifications = bob.on(ServiceApp.NOTIFICATION).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(bobsNotifications).isEmpty();
        List<Map<String, Object>> alicesNotifications = alice.on(ServiceApp.NOTIFICATION).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(alicesNotifications).allSatisfy(notification ->
                assertThat(((Map<?, ?>) notification.get("account")).get("id")).isNotEqualTo(alice.id));
    }

    @Test
    void everyServiceRefusesAnonymousAndForgedCallers() {
        Client carol = Client.registerAndLogIn("carol");
        String forged = carol.token.substring(0, carol.token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        for (var call : List.of(
                new Call(ServiceApp.USER, "GET", "/api/v1/accounts/verify_credentials"),
                new Call(ServiceApp.POST, "POST", "/api/v1/statuses"),
                new Call(ServiceApp.FEED, "GET", "/api/v1/timelines/home"),
                new Call(ServiceApp.NOTIFICATION, "GET", "/api/v1/notifications"))) {
            given().baseUri(RunningStack.url(call.app())).contentType(ContentType.JSON).body("{\"status\":\"x\"}")
                    .request(call.method(), call.path())
                    .then().statusCode(401).contentType("application/json").body("error", notNullValue());
            given().baseUri(RunningStack.url(call.app())).auth().oauth2(forged).contentType(ContentType.JSON)
                    .body("{\"status\":\"x\"}").request(call.method(), call.path())
                    .then().statusCode(401).contentType("application/json").body("error", notNullValue());
            // a client that prefers RFC 9457 documents gets the same error as one
            given().baseUri(RunningStack.url(call.app())).accept("application/json, application/problem+json")
                    .contentType(ContentType.JSON).body("{\"status\":\"x\"}").request(call.method(), call.path())
                    .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                    .body("error", notNullValue());
        }
        carol.on(ServiceApp.POST).contentType(ContentType.JSON).body("{\"status\": ")
                .post("/api/v1/statuses").then().statusCode(400).contentType("application/json")
                .body("error", notNullValue());
    }

    @Test
    void everyServiceReportsReadyAndPublishesItsOpenApi() {
        for (ServiceApp app : ServiceApp.values()) {
            given().baseUri(RunningStack.url(app)).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri(RunningStack.url(app)).get("/q/openapi").then().statusCode(200);
        }
    }

    private record Call(ServiceApp app, String method, String path) {
    }
}
