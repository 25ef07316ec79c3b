package org.socialfeed.notification.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pages read from MongoDB take turns: one past the limit waits, then is told to retry, and the turn comes back. */
class MongoPageReadsTest {

    private static final String PATH = "/api/v2/notifications";

    @Test
    void aReadPastTheLimitWaitsThenGets503WithRetryAfterAndTheTurnIsFreedAfterwards() throws Exception {
        Counter busy = new SimpleMeterRegistry().counter("busy");
        MongoPageReads reads = new MongoPageReads(1, Duration.ofMillis(200), busy);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> reads.read(() -> {
            reading.countDown();
            await(finish);
            return Response.ok("first").build();
        }, PATH));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        Response refused = reads.read(() -> Response.ok("second").build(), PATH);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo(MongoPageReads.RETRY_AFTER_SECONDS);
        assertThat(busy.count()).isEqualTo(1);

        finish.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getEntity()).isEqualTo("first");
        assertThat(reads.read(() -> Response.ok("third").build(), PATH).getEntity()).isEqualTo("third");
        assertThat(busy.count()).isEqualTo(1);
    }

    @Test
    void aPageThatFailsGivesItsTurnBack() {
        MongoPageReads reads = new MongoPageReads(1, Duration.ofMillis(50), new SimpleMeterRegistry().counter("busy"));
        assertThatThrownBy(() -> reads.read(() -> {
            throw new IllegalStateException("store down");
        }, PATH)).hasMessage("store down");
        assertThat(reads.read(() -> Response.ok("next").build(), PATH).getStatus()).isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
