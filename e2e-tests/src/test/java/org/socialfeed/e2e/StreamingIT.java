package org.socialfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mastodon's streaming WebSocket as an app uses it: the streaming URL from /api/v2/instance, the token as
 * Sec-WebSocket-Protocol, the {@code user} stream. Through the one base URL, whose router tunnels the upgrade to
 * feed-service (ADR 11, ADR 14); the events come from real HTTP calls on the other services.
 */
class StreamingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The messages a connected app has received, parsed. */
    private static final class Messages implements WebSocket.Listener {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial = new StringBuilder();
            }
            socket.request(1);
            return null;
        }

        /** The payload of the first {@code event} message that {@code payload} fits, as JSON. */
        JsonNode await(String event, Predicate<JsonNode> payload) {
            return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                    .filter(message -> event.equals(message.path("event").asText()))
                    .map(message -> parse(message.path("payload").asText()))
                    .filter(payload).findFirst(), Optional::isPresent).orElseThrow();
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anAppStreamsItsHomeTimelineAndNotificationsOverOneWebSocket() throws Exception {
        String api = RunningStack.apiUrl();
        String streamingUrl = given().baseUri(api).get("/api/v2/instance").then().statusCode(200)
                .extract().path("configuration.urls.streaming");
        assertThat(streamingUrl).isEqualTo(api.replaceFirst("^http", "ws"));

        Client alice = Client.registerAndLogInAt(api, Client.uniqueUsername("streamed"));
        Client bob = Client.registerAndLogInAt(api, Client.uniqueUsername("streaming"));
        bob.onApi().get("/api/v1/timelines/home").then().statusCode(200); // an active reader gets fan-out
        String before = post(alice, "Before the stream");
        bob.onApi().post("/api/v1/accounts/" + alice.id + "/follow").then().statusCode(200);
        // the follow has reached feed-service once alice's earlier post is backfilled into bob's timeline
        await().atMost(Duration.ofSeconds(30)).until(() -> bob.onApi().get("/api/v1/timelines/home")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class).contains(before));

        Messages messages = new Messages();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(bob.token)
                .buildAsync(URI.create(streamingUrl + "/api/v1/streaming?stream=user"), messages)
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(socket.getSubprotocol()).isEqualTo(bob.token);
            // messages are handled in order: once the unknown stream is refused, the user stream is subscribed
            socket.sendText("{\"type\":\"subscribe\",\"stream\":\"public:remote\"}", true).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> messages.received.stream()
                    .anyMatch(message -> message.has("error")));

            String postId = post(alice, "Live to my followers");
            messages.await("update", status -> status.path("id").asText().equals(postId));

            alice.onApi().post("/api/v1/accounts/" + bob.id + "/follow").then().statusCode(200);
            JsonNode follow = messages.await("notification", n -> n.path("type").asText().equals("follow"));
            assertThat(follow.path("account").path("id").asText()).isEqualTo(alice.id);
        } finally {
            socket.abort();
        }
    }

    private static String post(Client author, String text) {
        return author.onApi().contentType(ContentType.JSON).body(Map.of("status", text))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
    }
}
