package org.socialfeed.benchmark.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed and open loops over the Vert.x client count what a local server answered, successes and errors apart;
 * the open loop sends what its schedule holds and charges a stall to every request it delayed.
 */
class KeepAliveHttpTest {

    private static final long STALL_MS = 300;
    private static final int WARM_UP_REQUESTS = 50;

    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean stalled = new AtomicBoolean();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startServer() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            served.incrementAndGet();
            boolean allowed = ("Bearer good").equals(request.getHeader("Authorization"));
            Runnable answer = () -> request.response().setStatusCode(allowed ? 200 : 401).end(allowed ? "ok" : "");
            if (request.path().equals("/stall-first") && stalled.compareAndSet(false, true)) {
                vertx.setTimer(STALL_MS, timer -> answer.run());
            } else {
                answer.run();
            }
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

    @Test
    void offersTheScheduleAndCountsEveryAnswer() throws Exception {
        String origin = "http://127.0.0.1:" + server.actualPort();
        OpenLoopRunner.Result result;
        try (KeepAliveHttp http = new KeepAliveHttp(4)) {
            warmUp(http, origin + "/warm-up");
            Operation everyFifthRefused = http.get("get", origin, sequence -> "/item/" + sequence,
                    sequence -> sequence % 5 == 0 ? "bad" : "good");
            result = http.offer(everyFifthRefused, 200, Duration.ofSeconds(1), null);
        }

        assertThat(result.scheduled()).isEqualTo(200);
        assertThat(result.issued()).as("the generator sent its whole schedule").isEqualTo(200);
        assertThat(served.get()).isEqualTo(WARM_UP_REQUESTS + 200);
        assertThat(result.operations().get("get").count()).isEqualTo(160);
        assertThat(result.operations().get("get").errors()).isEqualTo(40);
        assertThat(result.firstErrors().get("get")).contains("HTTP 401", "/item/0");
    }

    @Test
    void aStallOnTheOnlyConnectionIsChargedToTheRequestsItDelayed() throws Exception {
        OpenLoopRunner.Result result;
        try (KeepAliveHttp http = new KeepAliveHttp(1)) {
            warmUp(http, "http://127.0.0.1:" + server.actualPort() + "/warm-up");
            // 100/s for 2 s: the first answer takes 300 ms, so the ~30 requests due meanwhile wait for the connection
            result = http.offer(http.get("get", "http://127.0.0.1:" + server.actualPort() + "/stall-first",
                    sequence -> "good"), 100, Duration.ofSeconds(2), null);
        }

        LatencyStats stats = result.operations().get("get");
        // on a crowded machine the last few may still wait for the connection when the time is up: "not sent"
        assertThat(stats.count() + stats.errors()).isEqualTo(result.scheduled()).isEqualTo(200);
        assertThat(stats.count()).isGreaterThan(100);
        // a closed loop would record one slow request; from the intended start, every request due during the stall
        // carries what is left of it, so more than one in a hundred took at least half of it
        assertThat(stats.p99Ms()).isGreaterThanOrEqualTo(STALL_MS / 2.0);
        assertThat(result.maxSendLagMs()).isGreaterThanOrEqualTo(STALL_MS / 2.0);
    }

    /** A cold client (class loading, first connections) can take a second: longer than these open-loop runs. */
    private static void warmUp(KeepAliveHttp http, String url) throws InterruptedException {
        Operation get = http.get("warm-up", url, sequence -> "good");
        ClosedLoop.run(http.connections(), WARM_UP_REQUESTS, Duration.ofSeconds(30), sequence -> get, null);
    }
}
