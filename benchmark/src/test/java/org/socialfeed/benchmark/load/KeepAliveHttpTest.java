package org.socialfeed.benchmark.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The closed loop over the Vert.x client counts what a trivial local server answered, successes and errors apart. */
class KeepAliveHttpTest {

    private final AtomicLong served = new AtomicLong();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startServer() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            served.incrementAndGet();
            boolean allowed = ("Bearer good").equals(request.getHeader("Authorization"));
            request.response().setStatusCode(allowed ? 200 : 401).end(allowed ? "ok" : "");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stopServer() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void countsEveryAnsweredRequestAndEveryError() throws Exception {
        String url = "http://127.0.0.1:" + server.actualPort() + "/";
        ClosedLoop.Result result;
        try (KeepAliveHttp http = new KeepAliveHttp(4)) {
            Operation everyThirdRefused = http.get("get", url, sequence -> sequence % 3 == 0 ? "bad" : "good");
            result = ClosedLoop.run(http.connections(), 300, Duration.ofSeconds(30), sequence -> everyThirdRefused,
                    null);
        }

        assertThat(result.completed()).isEqualTo(300);
        assertThat(result.failed()).isEqualTo(100);
        assertThat(served.get()).isEqualTo(300);
        assertThat(result.operations().get("get").count()).as("latencies of the successes only").isEqualTo(200);
        assertThat(result.operations().get("get").errors()).isEqualTo(100);
        assertThat(result.firstFailure()).contains("HTTP 401");
    }

    @Test
    void saturatesForTheGivenTimeWithOneRequestInFlightPerConnection() throws Exception {
        String url = "http://127.0.0.1:" + server.actualPort() + "/";
        ClosedLoop.Result result;
        try (KeepAliveHttp http = new KeepAliveHttp(2)) {
            result = http.saturate(http.get("get", url, sequence -> "good"), Duration.ofMillis(300), null);
        }

        assertThat(result.failed()).isZero();
        assertThat(result.completed()).isPositive().isEqualTo(served.get());
    }
}
