package org.socialfeed.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.LiveNotification;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.graph.FollowGraph;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

/** Mastodon's streaming WebSocket, with a real client, over real Kafka and Redis. */
@QuarkusTest
class StreamingSocketTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/streaming")
    URI streaming;
    @Inject
    FollowGraph graph;
    @Inject
    RedisConnection redis;

    /** A connected client and the messages it has received, parsed. */
    private static final class Client implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial = new StringBuilder();
            }
            webSocket.request(1);
            return null;
        }

        void send(String type, String stream) {
            socket.sendText("{\"type\":\"" + type + "\",\"stream\":\"" + stream + "\"}", true).join();
        }

        /**
         * Waits until the server has handled everything sent so far: messages are handled in order, and a
         * subscription to an unknown stream is answered with an error.
         */
        void sync() {
            long errors = errors().size();
            send("subscribe", "no-such-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> errors().size() > errors);
        }

        List<JsonNode> errors() {
            return messages.stream().filter(message -> message.has("error")).toList();
        }

        List<JsonNode> events(String event) {
            return messages.stream().filter(message -> event.equals(message.path("event").asText())).toList();
        }

        JsonNode awaitEvent(String event) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !events(event).isEmpty());
            return events(event).get(0);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    private Client connect(String query, UnaryOperator<WebSocket.Builder> authentication) {
        Client client = new Client();
        URI uri = URI.create(streaming.toString().replaceFirst("^http", "ws") + query);
        try {
            client.socket = authentication.apply(HTTP.newWebSocketBuilder()).buildAsync(uri, client)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** Publishes a notification as notification-service does. */
    private void notify(User recipient, long notificationId) {
        redis.sync().publish(LiveNotification.CHANNEL, new LiveNotification(recipient.id(), notificationId,
                "{\"id\":\"" + notificationId + "\",\"type\":\"mention\"}").encode());
    }

    @Test
    void userStreamCarriesUpdatesEditsDeletesAndNotifications() throws Exception {
        User author = user("socket_author");
        User reader = StreamingTest.activeFollower("socket_reader", author, graph);
        Client client = connect("?stream=user&access_token=" + reader.token(), UnaryOperator.identity());
        try {
            client.sync();
            String postId = post(author, "over the socket");
            JsonNode update = client.awaitEvent("update");
            assertThat(update.path("stream").toString()).isEqualTo("[\"user\"]");
            JsonNode status = JSON.readTree(update.path("payload").asText()); // a Status as a JSON string
            assertThat(status.path("id").asText()).isEqualTo(postId);
            assertThat(status.path("content").asText()).contains("over the socket");

            FeedEvents.edit(author, postId, "edited over the socket");
            JsonNode edit = JSON.readTree(client.awaitEvent("status.update").path("payload").asText());
            assertThat(edit.path("id").asText()).isEqualTo(postId);
            assertThat(edit.path("content").asText()).contains("edited over the socket");

            FeedEvents.delete(author, postId);
            assertThat(client.awaitEvent("delete").path("payload").asText()).isEqualTo(postId);

            notify(reader, 7001);
            JsonNode notification = client.awaitEvent("notification");
            assertThat(notification.path("stream").toString()).isEqualTo("[\"user\"]");
            assertThat(JSON.readTree(notification.path("payload").asText()).path("id").asText()).isEqualTo("7001");
        } finally {
            client.close();
        }
    }

    @Test
    void tokenAsSubprotocolIsEchoedAndSubscribeByMessage() {
        User author = user("protocol_author");
        User reader = StreamingTest.activeFollower("socket_reader", author, graph);
        Client client = connect("", builder -> builder.subprotocols(reader.token()));
        try {
            assertThat(client.socket.getSubprotocol()).isEqualTo(reader.token());
            client.send("subscribe", "user");
            client.sync();
            String postId = post(author, "subscribed by message");
            assertThat(JSON.readTree(client.awaitEvent("update").path("payload").asText()).path("id").asText())
                    .isEqualTo(postId);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.close();
        }
    }

    @Test
    void notificationStreamCarriesNotificationsOnly() {
        User author = user("quiet_author");
        User reader = StreamingTest.activeFollower("socket_reader", author, graph);
        Client notificationsOnly = connect("", builder -> builder.header("Authorization", "Bearer " + reader.token()));
        Client witness = connect("?stream=user&access_token=" + reader.token(), UnaryOperator.identity());
        try {
            notificationsOnly.send("subscribe", "user:notification");
            notificationsOnly.sync();
            witness.sync();
            post(author, "not for the notification stream");
            witness.awaitEvent("update");
            notify(reader, 7002);
            JsonNode notification = notificationsOnly.awaitEvent("notification");
            assertThat(notification.path("stream").toString()).isEqualTo("[\"user:notification\"]");
            witness.awaitEvent("notification");
            assertThat(notificationsOnly.events("update")).isEmpty();
        } finally {
            notificationsOnly.close();
            witness.close();
        }
    }

    @Test
    void unsubscribeStopsEvents() {
        User reader = user("unsubscriber");
        Client leaving = connect("?stream=user&access_token=" + reader.token(), UnaryOperator.identity());
        Client witness = connect("?stream=user:notification&access_token=" + reader.token(), UnaryOperator.identity());
        try {
            leaving.sync();
            witness.sync();
            notify(reader, 7003);
            leaving.awaitEvent("notification");
            leaving.send("unsubscribe", "user");
            leaving.sync();
            notify(reader, 7004);
            await().atMost(Duration.ofSeconds(20)).until(() -> witness.events("notification").size() == 2);
            assertThat(leaving.events("notification")).hasSize(1);
        } finally {
            leaving.close();
            witness.close();
        }
    }

    @Test
    void unknownStreamIsAnsweredWithMastodonsErrorAndTheSocketStaysOpen() throws Exception {
        User reader = user("curious");
        Client client = connect("?access_token=" + reader.token(), UnaryOperator.identity());
        try {
            client.socket.sendText("not json", true).join(); // ignored, as Mastodon does
            client.send("subscribe", "public:local");
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.errors().isEmpty());
            assertThat(client.errors().get(0))
                    .isEqualTo(JSON.readTree("{\"error\":\"Unknown stream type\",\"status\":400}"));
            client.send("unsubscribe", "hashtag");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.errors().size() == 2);
            assertThat(client.errors().get(1))
                    .isEqualTo(JSON.readTree("{\"error\":\"Error unsubscribing from channel\"}"));
            assertThat(client.socket.isInputClosed()).isFalse();
        } finally {
            client.close();
        }
    }

    @Test
    void aBadOrMissingTokenIsRefusedWith401() {
        for (String query : List.of("", "?access_token=not-a-token")) {
            CompletableFuture<WebSocket> attempt = HTTP.newWebSocketBuilder().buildAsync(
                    URI.create(streaming.toString().replaceFirst("^http", "ws") + query), new Client());
            assertThatThrownBy(attempt::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .as("status for %s", query).isEqualTo(401));
        }
    }
}
