package org.socialfeed.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-base-URL router against small fake services that answer with what they received: it must route exactly
 * like the Ingress manifest and pass everything an app relies on through unchanged, streams included.
 */
class ApiRouterTest {

    private static final IngressRoutes ROUTES = IngressRoutes.read(IngressRoutes.manifestOf(Path.of("..")));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Vertx vertx;
    private static ApiRouter router;
    /** Completed by the SSE test once it has read the first event: only then does the fake stream end. */
    private static final CompletableFuture<Void> endOfStream = new CompletableFuture<>();
    /** The path of a stream whose connection closed at the fake service before the stream ended. */
    private static final CompletableFuture<String> abandonedStream = new CompletableFuture<>();

    @BeforeAll
    static void startFakeServicesAndTheRouter() throws Exception {
        vertx = Vertx.vertx();
        Map<String, Integer> servicePorts = new HashMap<>();
        for (String service : ROUTES.routes().stream().map(IngressRoutes.Route::service).distinct().toList()) {
            HttpServer server = vertx.createHttpServer()
                    .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage(
                            service + " (Host " + socket.headers().get("Host") + ", X-Forwarded-For "
                                    + socket.headers().get("X-Forwarded-For") + "): " + text)))
                    .requestHandler(request -> fakeService(service, request));
            servicePorts.put(service, await(server.listen(0, "127.0.0.1")).actualPort());
        }
        router = ApiRouter.start(ROUTES, servicePorts, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        await(vertx.close());
    }

    /** Streams on the streaming paths (one event, the last after the test says so); else echoes the request as JSON. */
    private static void fakeService(String service, HttpServerRequest request) {
        if (request.path().startsWith("/api/v1/streaming/")) {
            request.response().closeHandler(closed -> abandonedStream.complete(request.path()))
                    .setChunked(true).putHeader("Content-Type", "text/event-stream").write("data: first\n\n");
            endOfStream.thenRun(() -> request.response().end("data: last\n\n"));
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            request.response().setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Link", "<http://example.org/?max_id=1>; rel=\"next\"")
                    .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .putHeader("Retry-After", "7")
                    .end(new JsonObject().put("service", service).put("method", request.method().name())
                            .put("uri", request.uri()).put("headers", headers).put("body", body.toString()).encode());
        });
    }

    @Test
    void everyPathOfTheIngressReachesItsService() throws Exception {
        for (IngressRoutes.Route route : ROUTES.routes()) {
            String path = route.path().replace("[^/]+", "1").replace("(/|$)", "");
            assertThat(ROUTES.route(path)).as("sample %s of %s", path, route.path()).contains(route);
            if (!path.startsWith("/api/v1/streaming/")) {
                assertThat(echo(HttpRequest.newBuilder(uri(path))).getString("service")).as(path).isEqualTo(route.service());
            }
        }
    }

    @Test
    void theLongestPathWinsAndMatchingIgnoresCase() throws Exception {
        assertThat(echo(HttpRequest.newBuilder(uri("/api/v1/accounts/1/statuses"))).getString("service"))
                .isEqualTo("post-service");
        assertThat(echo(HttpRequest.newBuilder(uri("/api/v1/accounts/1"))).getString("service"))
                .isEqualTo("user-service");
        assertThat(echo(HttpRequest.newBuilder(uri("/API/v1/Statuses/9"))).getString("service"))
                .isEqualTo("post-service");
    }

    @Test
    void methodPathQueryHeadersAndBodyPassThroughAndTheAnswerComesBackWhole() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/statuses?limit=2&tag=a%20b"))
                .header("Authorization", "Bearer token-1")
                .header("Idempotency-Key", "key-1")
                .header("Last-Event-ID", "41")
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.9.9.9")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"hello\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Link")).contains("<http://example.org/?max_id=1>; rel=\"next\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        JsonObject received = new JsonObject(response.body());
        assertThat(received.getString("method")).isEqualTo("PUT");
        assertThat(received.getString("uri")).isEqualTo("/api/v1/statuses?limit=2&tag=a%20b");
        assertThat(received.getString("body")).isEqualTo("{\"status\":\"hello\"}");
        JsonObject headers = received.getJsonObject("headers");
        assertThat(headers.getMap()).contains(
                Map.entry("authorization", "Bearer token-1"),
                Map.entry("idempotency-key", "key-1"),
                Map.entry("last-event-id", "41"),
                Map.entry("accept", "application/json"),
                Map.entry("content-type", "application/json"),
                // the Host the app used, so the services' absolute links point at the one base URL
                Map.entry("host", "127.0.0.1:" + router.port()),
                Map.entry("x-forwarded-host", "127.0.0.1:" + router.port()),
                Map.entry("x-forwarded-proto", "http"),
                Map.entry("x-forwarded-port", String.valueOf(router.port())),
                // the client's own X-Forwarded-For is replaced by its address, as ingress-nginx does
                Map.entry("x-forwarded-for", "127.0.0.1"),
                Map.entry("x-real-ip", "127.0.0.1"));
    }

    @Test
    void serverSentEventsArriveBeforeTheStreamEnds() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/streaming/home"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = CompletableFuture.supplyAsync(() -> readLine(events)).get(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo("data: first");
            assertThat(endOfStream).isNotDone();

            endOfStream.complete(null);
            assertThat(events.lines().toList()).containsExactly("", "data: last", "");
        }
    }

    @Test
    void aClientLeavingAStreamClosesItAtTheService() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/streaming/notifications"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream events = response.body()) {
            assertThat(events.read()).as("first byte of the stream").isEqualTo('d');
        }
        assertThat(abandonedStream.get(10, TimeUnit.SECONDS)).isEqualTo("/api/v1/streaming/notifications");
    }

    @Test
    void aWebSocketUpgradePassesThrough() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + router.port() + "/api/v1/streaming/notifications?stream=user"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("ping", true).get(10, TimeUnit.SECONDS);

        assertThat(reply.get(10, TimeUnit.SECONDS))
                .isEqualTo("notification-service (Host 127.0.0.1:" + router.port() + ", X-Forwarded-For 127.0.0.1): ping");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnknownPathIsAJson404() throws Exception {
        for (String path : List.of("/", "/q/health/ready", "/api/v1/statusesx", "/api/v9/accounts")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/json");
            assertThat(response.body()).as(path).isEqualTo("{\"error\":\"Record not found\"}");
        }
    }

    @Test
    void aRouteToAServiceThatIsNotRunningIsA503() throws Exception {
        try (ApiRouter withoutServices = ApiRouter.start(ROUTES, Map.of(), 0)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(withoutServices.url() + "/api/v1/timelines/home")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"error\":\"feed-service is not running\"}");
        }
    }

    private static JsonObject echo(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.build().uri().toString()).isEqualTo(401);
        return new JsonObject(response.body());
    }

    private static URI uri(String path) {
        return URI.create(router.url() + path);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
