package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.testing.ErrorBody;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class WebhookTest {

    private static String register(AccountRef owner, WebhookReceiver receiver, List<String> types) {
        JsonPath created = Api.as(owner).contentType(ContentType.JSON)
                .body(types == null ? Map.of("url", receiver.url()) : Map.of("url", receiver.url(), "types", types))
                .post("/api/v1/webhooks").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("enabled", equalTo(true))
                .extract().jsonPath();
        receiver.trust(created.getString("secret"));
        return created.getString("id");
    }

    @Test
    void deliveriesAreSignedAndRetriedUntilTheReceiverAccepts() throws Exception {
        AccountRef owner = EventFeed.account("hooked");
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(2)) {
            String endpoint = register(owner, receiver, null);
            Api.as(owner).get("/api/v1/webhooks").then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].secret", nullValue());
            Api.as(owner).get("/api/v1/webhooks/" + endpoint).then().body("secret", nullValue());

            EventFeed.follow(EventFeed.account("follower"), owner);
            await().atMost(Api.WAIT).until(() -> receiver.received().size() == 3);
            assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsOnly(
                    receiver.received().get(0).id());
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::answer).containsExactly(500, 500, 204);
            JsonPath body = new JsonPath(receiver.received().get(2).body());
            assertThat(body.getString("type")).isEqualTo("notification.created");
            assertThat(body.getString("data.type")).isEqualTo("follow");
            assertThat(body.getString("data.id")).isEqualTo(Api.notifications(owner).jsonPath().getString("[0].id"));

            JsonPath log = await().atMost(Api.WAIT).until(() -> Api.as(owner)
                    .get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200).extract().jsonPath(),
                    page -> "delivered".equals(page.getString("[0].status")));
            assertThat(log.getList("[0].attempts.status_code")).containsExactly(500, 500, 204);
            assertThat(log.getString("[0].webhook_id")).isEqualTo(receiver.received().get(0).id());
            Api.as(owner).get("/api/v1/webhooks/" + endpoint).then().body("consecutive_failures", equalTo(0));
        }
    }

    @Test
    void aHangingReceiverDoesNotDelayAnotherOne() throws Exception {
        AccountRef slowOwner = EventFeed.account("slow");
        AccountRef fastOwner = EventFeed.account("fast");
        try (WebhookReceiver slow = WebhookReceiver.hanging(); WebhookReceiver fast = WebhookReceiver.healthy()) {
            register(slowOwner, slow, null);
            register(fastOwner, fast, null);
            String key = "hang-" + slowOwner.id();
            EventFeed.follow(EventFeed.account("a"), slowOwner, false, key);
            EventFeed.follow(EventFeed.account("b"), slowOwner, false, key);
            Api.awaitTypes(slowOwner, 2);
            EventFeed.follow(EventFeed.account("c"), fastOwner, false, key);
            // the slow receiver still holds its requests while the fast one has been served
            await().atMost(Api.WAIT).until(() -> fast.received().size() == 1);
            assertThat(slow.received()).isEmpty();
            assertThat(fast.received().get(0).signatureValid()).isTrue();
            slow.release();
            await().atMost(Api.WAIT).until(() -> slow.received().size() == 2);
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabled() throws Exception {
        AccountRef owner = EventFeed.account("broken");
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(Integer.MAX_VALUE)) {
            String endpoint = register(owner, receiver, List.of("follow"));
            EventFeed.follow(EventFeed.account("z"), owner, false, "dis-" + owner.id());
            EventFeed.follow(EventFeed.account("z"), owner, false, "dis-" + owner.id());
            await().atMost(Api.WAIT).until(() -> !Api.as(owner).get("/api/v1/webhooks/" + endpoint).jsonPath()
                    .getBoolean("enabled"));
            Api.as(owner).get("/api/v1/webhooks/" + endpoint).then()
                    .body("disabled_reason", startsWith("4 delivery attempts"));
            await().atMost(Api.WAIT).until(() -> Api.as(owner).get("/api/v1/webhooks/" + endpoint + "/deliveries")
                    .jsonPath().<String>getList("status").stream().noneMatch("pending"::equals));
        }
    }

    @Test
    void typesFilterWhatAnEndpointReceives() throws Exception {
        AccountRef owner = EventFeed.account("selective");
        try (WebhookReceiver receiver = WebhookReceiver.healthy()) {
            register(owner, receiver, List.of("favourite"));
            String post = EventFeed.newId();
            EventFeed.follow(EventFeed.account("f"), owner);
            Api.awaitTypes(owner, 1);
            EventFeed.like(EventFeed.account("l"), post, owner);
            await().atMost(Api.WAIT).until(() -> receiver.received().size() == 1);
            assertThat(new JsonPath(receiver.received().get(0).body()).getString("data.type")).isEqualTo("favourite");
        }
    }

    @Test
    void ownersOnlyAndBadOrDangerousUrlsAreRefused() throws Exception {
        AccountRef owner = EventFeed.account("owner");
        AccountRef other = EventFeed.account("other");
        try (WebhookReceiver receiver = WebhookReceiver.healthy()) {
            String endpoint = register(owner, receiver, null);
            Api.as(other).get("/api/v1/webhooks/" + endpoint).then().statusCode(404);
            Api.as(other).get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(404);
            Api.as(other).delete("/api/v1/webhooks/" + endpoint).then().statusCode(404);
            assertThat(Api.as(other).get("/api/v1/webhooks").jsonPath().getList("$")).isEmpty();

            String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)
                    .split(",")[0].replaceFirst("^[A-Za-z]+://", "");
            for (String url : List.of("ftp://example.org/x", "not a url", "http://" + kafka + "/",
                    ConfigProvider.getConfig().getValue("social.redis.uri", String.class).replace("redis:", "http:"),
                    "http://user:pw@127.0.0.1:1/x")) {
                Api.as(owner).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v1/webhooks")
                        .then().statusCode(422).spec(ErrorBody.MASTODON);
            }
            Api.as(owner).contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "types", List.of("x")))
                    .post("/api/v1/webhooks").then().statusCode(422);
            Api.as(owner).contentType(ContentType.JSON).body("{}").post("/api/v1/webhooks").then().statusCode(422);
            assertThat(Api.as(owner).get("/api/v1/webhooks").jsonPath().getList("$")).hasSize(1);

            Api.as(owner).delete("/api/v1/webhooks/" + endpoint).then().statusCode(200);
            assertThat(Api.as(owner).get("/api/v1/webhooks").jsonPath().getList("$")).isEmpty();
        }
    }
}
