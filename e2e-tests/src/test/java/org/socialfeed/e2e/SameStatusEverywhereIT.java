package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * One post reads the same wherever an app meets it (ADR 16): from post-service, in a home timeline (feed-service)
 * and as a mention notification's status (notification-service), and its embedded author is the account
 * user-service shows, but for the counters only user-service knows.
 */
class SameStatusEverywhereIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /** What only user-service knows of an account, left out of embedded accounts (ADR 16). */
    private static final List<String> ACCOUNT_COUNTERS =
            List.of("followers_count", "following_count", "statuses_count", "last_status_at");

    @Test
    void aPostRendersTheSameFromPostFeedAndNotificationService() {
        Client alice = Client.registerAndLogIn("same_alice");
        Client bob = Client.registerAndLogIn("same_bob");
        alice.on(ServiceApp.USER).contentType(ContentType.JSON)
                .body(Map.of("display_name", "Alice R.", "note", "Renders things", "bot", true,
                        "avatar", "https://cdn.example.org/alice.png", "header", "https://cdn.example.org/alice-h.png",
                        "fields_attributes", List.of(Map.of("name", "Web", "value", "https://alice.example"))))
                .patch("/api/v1/accounts/update_credentials").then().statusCode(200);
        bob.on(ServiceApp.USER).post("/api/v1/accounts/" + alice.id + "/follow").then().statusCode(200);
        awaitPostServiceKnowsProfile(alice, "https://cdn.example.org/alice-h.png");

        String postId = alice.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "Hello @" + bob.username + " #Rendering https://example.org/x",
                        "spoiler_text", "a test", "language", "en", "visibility", "public",
                        "media_attachments", List.of(Map.of("url", "https://cdn.example.org/cat.png",
                                "description", "A cat"))))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        bob.on(ServiceApp.POST).post("/api/v1/statuses/" + postId + "/favourite").then().statusCode(200);

        // bob reads everywhere, so the reader's own flags (favourited, reblogged) are his in all three
        Map<String, Object> fromPostService = bob.on(ServiceApp.POST).get("/api/v1/statuses/" + postId)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        Map<String, Object> fromHome = await().atMost(PROPAGATION).until(() -> bob.on(ServiceApp.FEED)
                        .get("/api/v1/timelines/home").then().statusCode(200).extract().jsonPath()
                        .<Map<String, Object>>getList("$").stream().filter(status -> postId.equals(status.get("id")))
                        .findFirst().orElse(Map.of()),
                status -> Integer.valueOf(1).equals(status.get("favourites_count")));
        Map<String, Object> fromNotification = await().atMost(PROPAGATION).until(() -> bob
                        .on(ServiceApp.NOTIFICATION).queryParam("types[]", "mention").get("/api/v1/notifications")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("status").stream()
                        .filter(status -> status != null && postId.equals(status.get("id")))
                        .findFirst().orElse(Map.of()),
                status -> Integer.valueOf(1).equals(status.get("favourites_count")));

        assertThat(fromPostService.get("favourited")).isEqualTo(true);
        assertThat(fromPostService.get("mentions")).asList().hasSize(1);
        assertThat(fromPostService.get("media_attachments")).asList().hasSize(1);
        assertThat(fromHome).isEqualTo(fromPostService);
        assertThat(fromNotification).isEqualTo(fromPostService);

        Map<String, Object> account = new HashMap<>(alice.on(ServiceApp.USER).get("/api/v1/accounts/" + alice.id)
                .then().statusCode(200).extract().jsonPath().getMap("$"));
        assertThat(account).containsKeys(ACCOUNT_COUNTERS.toArray(String[]::new));
        ACCOUNT_COUNTERS.forEach(account::remove);
        assertThat(fromPostService.get("account")).isEqualTo(account);
    }

    /** post-service renders (and its events carry) the author from its replica, which follows users.events. */
    private static void awaitPostServiceKnowsProfile(Client author, String header) {
        String probe = author.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "warming up", "visibility", "public"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        await().atMost(PROPAGATION).untilAsserted(() -> author.on(ServiceApp.POST).get("/api/v1/statuses/" + probe)
                .then().statusCode(200).body("account.header", equalTo(header)));
    }
}
