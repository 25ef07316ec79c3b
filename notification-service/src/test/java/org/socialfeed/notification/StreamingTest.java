package org.socialfeed.notification;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.Topics;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.testing.TestTokens;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class StreamingTest {

    @TestHTTPResource("/api/v1/streaming/notifications")
    URI stream;
    @TestHTTPResource("/api/v1/streaming/user/notification")
    URI mastodonStream;
    @Inject
    RedisConnection redis;

    @Test
    void aClientGetsNotificationsLiveAndWhatItMissedAfterReconnecting() {
        AccountRef user = EventFeed.account("watcher");
        String token = TestTokens.forUser(user.id(), user.username());
        String lastSeen;
        try (SseClient client = new SseClient(stream, token, null)) {
            await().atMost(Api.WAIT).until(() -> client.comments().contains("thump")); // connected, heartbeats flow
            EventFeed.follow(EventFeed.account("live"), user, false, "s-" + user.id());
            await().atMost(Api.WAIT).until(() -> client.events().size() == 1);
            SseClient.Event event = client.events().get(0);
            assertThat(event.name()).isEqualTo("notification");
            JsonPath data = new JsonPath(event.data());
            assertThat(data.getString("type")).isEqualTo("follow");
            assertThat(data.getString("id")).isEqualTo(event.id());
            lastSeen = event.id();
            long heartbeats = client.comments().size();
            await().atMost(Api.WAIT).until(() -> client.comments().size() > heartbeats);
        }

        // while the client is away, two notifications arrive
        EventFeed.follow(EventFeed.account("missed1"), user, false, "s-" + user.id());
        EventFeed.follow(EventFeed.account("missed2"), user, false, "s-" + user.id());
        List<String> stored = Api.awaitTypes(user, 3);
        assertThat(stored).hasSize(3);
        List<String> ids = Api.notifications(user).jsonPath().getList("id");

        try (SseClient client = new SseClient(stream, token, lastSeen)) {
            await().atMost(Api.WAIT).until(() -> client.events().size() == 2);
            assertThat(client.events()).extracting(SseClient.Event::id).containsExactly(ids.get(1), ids.get(0));
            EventFeed.follow(EventFeed.account("after"), user, false, "s-" + user.id());
            await().atMost(Api.WAIT).until(() -> client.events().size() == 3);
            assertThat(Long.parseLong(client.events().get(2).id())).isGreaterThan(Long.parseLong(ids.get(0)));
        }
    }

    @Test
    void anEventAppliedAgainStreamsWhatACrashLeftUnpublishedAndNothingTwice() {
        AccountRef user = EventFeed.account("redelivered");
        String token = TestTokens.forUser(user.id(), user.username());
        String partition = "s-" + user.id(); // one partition: the events are applied in the order sent
        FollowCreated follow = new FollowCreated(EventFeed.account("again"), user.id(), false, true, Instant.now());
        String eventId = UUID.randomUUID().toString();
        try (SseClient client = new SseClient(stream, token, null)) {
            await().atMost(Api.WAIT).until(() -> client.comments().contains("thump"));
            EventFeed.send(Topics.FOLLOWS, partition, FollowCreated.TYPE, follow, eventId);
            await().atMost(Api.WAIT).until(() -> client.events().size() == 1);
            String notificationId = client.events().get(0).id();

            // applied again (a rebalance, a crash after publishing): already published, so not streamed again;
            // the next event on the partition shows it was applied
            EventFeed.send(Topics.FOLLOWS, partition, FollowCreated.TYPE, follow, eventId);
            EventFeed.follow(EventFeed.account("next"), user, false, partition);
            await().atMost(Api.WAIT).until(() -> client.events().size() == 2);
            assertThat(client.events().get(1).id()).isNotEqualTo(notificationId);

            // a crash between storing and publishing leaves no marker: applying the event again publishes it
            redis.sync().del("notif:{" + user.id() + "}:published:" + notificationId);
            EventFeed.send(Topics.FOLLOWS, partition, FollowCreated.TYPE, follow, eventId);
            await().atMost(Api.WAIT).until(() -> client.events().size() == 3);
            assertThat(client.events().get(2).id()).isEqualTo(notificationId);
        }
        assertThat(Api.notifications(user).jsonPath().getList("id")).hasSize(2);
    }

    @Test
    void mastodonsPathTakesTheTokenAsQueryParameter() {
        AccountRef user = EventFeed.account("eventsource");
        String token = TestTokens.forUser(user.id(), user.username());
        try (SseClient client = new SseClient(URI.create(mastodonStream + "?access_token=" + token), null, null)) {
            await().atMost(Api.WAIT).until(() -> client.comments().contains("thump"));
            EventFeed.follow(EventFeed.account("followed_you"), user, false, "s-" + user.id());
            await().atMost(Api.WAIT).until(() -> client.events().size() == 1);
            assertThat(client.events().get(0).name()).isEqualTo("notification");
            assertThat(new JsonPath(client.events().get(0).data()).getString("type")).isEqualTo("follow");
        }
    }

    @Test
    void theStreamNeedsAToken() {
        try (SseClient client = new SseClient(stream, "not-a-token", null)) {
            await().atMost(Api.WAIT).until(() -> client.status() == 401);
        }
        try (SseClient client = new SseClient(URI.create(mastodonStream + "?access_token=not-a-token"), null, null)) {
            await().atMost(Api.WAIT).until(() -> client.status() == 401);
        }
    }
}
