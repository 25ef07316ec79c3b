package org.socialfeed.notification;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.testing.TestTokens;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class StreamingTest {

    @TestHTTPResource("/api/v1/streaming/notifications")
    URI stream;
    @TestHTTPResource("/api/v1/streaming/user/notification")
    URI mastodonStream;

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
