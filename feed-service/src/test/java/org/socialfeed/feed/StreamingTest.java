package org.socialfeed.feed;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.LiveNotification;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.graph.FollowGraph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

@QuarkusTest
class StreamingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/streaming/home")
    URI home;
    @TestHTTPResource("/api/v1/streaming/user")
    URI user;
    @Inject
    FollowGraph graph;
    @Inject
    RedisConnection redis;

    /** The lines a connected client has received so far. */
    private record Client(List<String> lines, CompletableFuture<HttpResponse<Stream<String>>> response) {
        void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    /** A new user who reads their home timeline (so fan-out writes to it) and follows {@code author}. */
    static User activeFollower(String prefix, User author, FollowGraph graph) {
        User reader = user(prefix);
        HomeApi.ids(reader);
        FeedEvents.follow(reader, author);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.follows(reader.id(), author.id()));
        return reader;
    }

    /** Connects with the reader's token in the Authorization header; without a reader, the URI must carry one. */
    private Client connect(URI uri, User reader, String lastEventId) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (reader != null) {
            request.header("Authorization", "Bearer " + reader.token());
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response =
                HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            try (Stream<String> body = r.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        Client client = new Client(lines, response);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));
        return client;
    }

    @Test
    void pushesNewEntriesDeletionsAndHeartbeats() {
        User author = user("streamer");
        User reader = activeFollower("watcher", author, graph);
        Client client = connect(home, reader, null);
        try {
            String postId = post(author, "live!");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(client.lines()).contains("event:update", "id:" + postId));
            assertThat(client.lines()).anyMatch(line -> line.startsWith("data:{") && line.contains("live!"));

            FeedEvents.delete(author, postId);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(client.lines()).contains("event:delete", "data:" + postId));
            // the heartbeat is configured to 1 s in tests
            long heartbeats = client.lines().stream().filter(line -> line.startsWith(":thump")).count();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    client.lines().stream().filter(line -> line.startsWith(":thump")).count() > heartbeats);
        } finally {
            client.close();
        }
    }

    @Test
    void resumesFromLastEventId() {
        User author = user("resumer");
        User reader = activeFollower("reconnector", author, graph);
        String seen = post(author, "seen before the disconnect");
        String deleted = post(author, "deleted while away");
        HomeApi.awaitIds(reader, List.of(deleted, seen));
        FeedEvents.delete(author, deleted);
        String missed = post(author, "posted while away");
        HomeApi.awaitIds(reader, List.of(missed, seen));

        Client client = connect(user, reader, seen); // Mastodon's path for the same stream
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(client.lines()).contains("id:" + missed, "data:" + deleted));
            assertThat(client.lines()).noneMatch(line -> line.equals("id:" + seen));
        } finally {
            client.close();
        }
    }

    @Test
    void userStreamCarriesTimelineAndNotificationsWithTheTokenAsQueryParameter() {
        User author = user("both_kinds");
        User reader = activeFollower("both_watcher", author, graph);
        Client client = connect(URI.create(user + "?access_token=" + reader.token()), null, null); // as EventSource
        try {
            String postId = post(author, "one of both kinds");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(client.lines()).contains("event:update", "id:" + postId));
            redis.sync().publish(LiveNotification.CHANNEL,
                    new LiveNotification(reader.id(), 8001, "{\"id\":\"8001\",\"type\":\"follow\"}").encode());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.lines())
                    .contains("event:notification", "data:{\"id\":\"8001\",\"type\":\"follow\"}"));
        } finally {
            client.close();
        }
    }

    @Test
    void healthAnswersOkLikeMastodon() {
        given().get("/api/v1/streaming/health").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("OK"));
    }

    @Test
    void needsAToken() {
        given().accept("text/event-stream").get("/api/v1/streaming/home").then().statusCode(401);
    }
}
