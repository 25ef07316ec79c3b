package org.socialfeed.benchmark.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Sends requests at a fixed arrival rate whatever the system does (open loop), like wrk2: request {@code i} is due
 * at {@link OpenLoopSchedule#intendedStart(long)} and its latency runs from then, so when the system (or the
 * generator) falls behind, every delayed request carries the delay. The number of requests in flight is bounded;
 * when the bound is reached the generator waits, and that wait, too, is charged to the requests it delays. A
 * request still waiting for a free slot when the phase's time is up is never sent: it counts as an error ("not
 * sent"), so a system slower than the offered rate shows as errors, not as a phase that runs on for minutes.
 */
public final class OpenLoopRunner {

    private final NanoClock clock;
    private final int maxInFlight;
    private final Duration drainTimeout;

    public OpenLoopRunner(NanoClock clock, int maxInFlight, Duration drainTimeout) {
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Result of a run: per-operation statistics over the scheduled window, how many requests the schedule held and
     * how many were sent, and how far behind the generator fell.
     */
    public record Result(double offeredRate, double seconds, long scheduled, long issued,
                         Map<String, LatencyStats> operations, double maxSendLagMs, Map<String, String> firstErrors) {

        /** Requests sent per second of the schedule's window: the offered rate if the generator kept up. */
        public double sentPerSecond(Duration window) {
            return issued / (window.toNanos() / 1e9);
        }
    }

    /**
     * Runs {@code pick(sequence)} for every request of the schedule; blocks until all have completed or the drain
     * timeout has passed (requests still open then count as errors).
     */
    public Result run(double ratePerSecond, Duration duration, long maxRequests, LongFunction<Operation> pick,
                      Progress progress) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        Semaphore slots = new Semaphore(maxInFlight);
        OpenLoopSchedule schedule = OpenLoopSchedule.of(clock.nanoTime(), ratePerSecond, duration, maxRequests);
        AtomicLong lastCompletion = new AtomicLong(schedule.startNanos());
        long maxLag = 0;
        long sequence = 0;
        long end = schedule.startNanos() + duration.toNanos();
        for (; schedule.includes(sequence); sequence++) {
            long intended = schedule.intendedStart(sequence);
            clock.sleepUntil(intended);
            if (!slots.tryAcquire(Math.max(0, end - clock.nanoTime()), TimeUnit.NANOSECONDS)) {
                break; // every connection still busy at the end of the phase
            }
            maxLag = Math.max(maxLag, clock.nanoTime() - intended);
            Operation operation = pick.apply(sequence);
            long seq = sequence;
            CompletableFuture<Boolean> outcome;
            try {
                outcome = operation.start(seq);
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            outcome.whenComplete((ok, failure) -> {
                lastCompletion.accumulateAndGet(clock.nanoTime(), Math::max);
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    recorder.success(operation.name(), schedule.latencyNanos(seq, clock.nanoTime()));
                } else {
                    recorder.failure(operation.name(), Operation.reason(failure));
                }
                slots.release();
                if (progress != null) {
                    progress.advance(1);
                }
            });
        }
        long issued = sequence;
        long unsent = 0;
        for (; schedule.includes(issued + unsent); unsent++) {
            recorder.failure(pick.apply(issued + unsent).name(), "not sent: all " + maxInFlight
                    + " connections were busy until the phase ended");
        }
        boolean drained = slots.tryAcquire(maxInFlight, drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        // successes per second over the scheduled window, or longer if the last answers came after it
        double seconds = Math.max(duration.toNanos(), lastCompletion.get() - schedule.startNanos()) / 1e9;
        Map<String, LatencyStats> stats = recorder.snapshot(seconds);
        if (!drained) {
            // requests still open after the drain timeout: count them as failures of the first operation seen
            long open = issued + unsent - recorder.completed();
            if (open > 0 && !stats.isEmpty()) {
                String first = stats.keySet().iterator().next();
                LatencyStats s = stats.get(first);
                stats.put(first, new LatencyStats(s.operation(), s.count(), s.errors() + open, s.throughputPerSecond(),
                        s.p50Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), s.meanMs()));
            }
        } else {
            slots.release(maxInFlight);
        }
        return new Result(ratePerSecond, seconds, issued + unsent, issued, stats, maxLag / 1e6, recorder.firstErrors());
    }
}
