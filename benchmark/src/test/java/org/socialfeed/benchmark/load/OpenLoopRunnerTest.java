package org.socialfeed.benchmark.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopRunnerTest {

    private static final long MS = 1_000_000L;

    /** A clock that only moves when told: sleeping jumps to the deadline, so tests take no real time. */
    static final class ManualClock implements NanoClock {
        long now = 1_000 * MS;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    }

    @Test
    void theScheduleIsFixedByTheRateNotByAnswers() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 1_000, Duration.ofSeconds(2), 1_000_000);

        assertThat(schedule.intendedStart(0)).isZero();
        assertThat(schedule.intendedStart(1)).isEqualTo(MS);
        assertThat(schedule.intendedStart(1_500)).isEqualTo(1_500 * MS);
        assertThat(schedule.requestCount()).isEqualTo(2_000);
        assertThat(schedule.includes(1_999)).isTrue();
        assertThat(schedule.includes(2_000)).isFalse();
        assertThat(schedule.latencyNanos(10, 25 * MS)).isEqualTo(15 * MS);
    }

    @Test
    void theRequestBoundCapsTheRun() {
        OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 1_000, Duration.ofSeconds(10), 300);

        assertThat(schedule.requestCount()).isEqualTo(300);
        assertThat(schedule.includes(299)).isTrue();
        assertThat(schedule.includes(300)).isFalse();
    }

    @Test
    void aStallIsChargedToEveryRequestItDelayed() throws InterruptedException {
        ManualClock clock = new ManualClock();
        // each answer takes 0.5 ms, except request 0, which holds everything up for 100 ms
        Operation op = Operation.of("op", sequence -> {
            clock.now += sequence == 0 ? 100 * MS : MS / 2;
            return CompletableFuture.completedFuture(true);
        });

        OpenLoopRunner.Result result = new OpenLoopRunner(clock, 1, Duration.ofSeconds(1))
                .run(1_000, Duration.ofMillis(200), 10_000, sequence -> op, null);

        LatencyStats stats = result.operations().get("op");
        assertThat(result.issued()).isEqualTo(200);
        assertThat(stats.count()).isEqualTo(200);
        // request k was due at k ms but started after the stall, at 100 + k/2 ms: the backlog drains over 200
        // requests, so latencies spread evenly from 100 ms down, where timing from the send would show one slow one
        assertThat(stats.maxMs()).isBetween(99.0, 101.0);
        assertThat(stats.p50Ms()).isBetween(45.0, 55.0);
        assertThat(stats.p99Ms()).isGreaterThan(95.0);
        assertThat(result.maxSendLagMs()).isGreaterThan(90.0);
    }

    @Test
    void withoutStallsLatencyIsTheServiceTime() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Operation op = Operation.of("op", sequence -> {
            clock.now += MS / 2;
            return CompletableFuture.completedFuture(true);
        });

        OpenLoopRunner.Result result = new OpenLoopRunner(clock, 4, Duration.ofSeconds(1))
                .run(1_000, Duration.ofMillis(100), 10_000, sequence -> op, null);

        LatencyStats stats = result.operations().get("op");
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.maxMs()).isBetween(0.49, 0.51);
        assertThat(stats.throughputPerSecond()).isBetween(990.0, 1_000.0);
    }

    @Test
    void failuresAreCountedApartFromLatencies() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Operation op = Operation.of("op", sequence -> sequence % 10 == 0
                ? CompletableFuture.failedFuture(new java.io.IOException("refused"))
                : CompletableFuture.completedFuture(sequence % 10 != 1));

        OpenLoopRunner.Result result = new OpenLoopRunner(clock, 4, Duration.ofSeconds(1))
                .run(100, Duration.ofSeconds(1), 10_000, sequence -> op, null);

        assertThat(result.operations().get("op").errors()).isEqualTo(20);
        assertThat(result.operations().get("op").count()).isEqualTo(80);
    }

    @Test
    void requestsThatFindEveryConnectionBusyUntilTheEndAreErrorsNotLateSends() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Operation hangs = Operation.of("op", sequence -> new CompletableFuture<>());

        OpenLoopRunner.Result result = new OpenLoopRunner(clock, 2, Duration.ofMillis(50))
                .run(1_000, Duration.ofMillis(10), 10_000, sequence -> hangs, null);

        assertThat(result.issued()).isEqualTo(2);
        assertThat(result.operations().get("op").errors()).isEqualTo(10); // 8 never sent, 2 never answered
        assertThat(result.firstErrors().get("op")).startsWith("not sent");
    }

    @Test
    void progressLineShowsRateAndEta() {
        assertThat(Progress.line("load", 250, 1_000, 5.0))
                .contains("25%", "250/1,000", "50/s", "ETA 0:15").contains("[=======>");
        assertThat(Progress.line("load", 1_000, 1_000, 5.0)).contains("100%", "ETA -");
        assertThat(Progress.line("saturate", 500, 0, 2.0)).contains("500", "250/s").doesNotContain("%");
    }
}
