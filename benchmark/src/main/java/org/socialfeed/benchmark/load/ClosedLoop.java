package org.socialfeed.benchmark.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * A fixed number of workers, each sending its next request when the previous one answers. Not for latency (it
 * hides stalls, see {@link OpenLoopRunner}) but for what it is good at: the most a system can do (a ceiling or a
 * saturation throughput) and loading data as fast as the system takes it.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /** {@code firstFailure} describes the first failed request (status or exception), or is null. */
    public record Result(long completed, long failed, double seconds, Map<String, LatencyStats> operations,
                         String firstFailure) {

        public double throughputPerSecond() {
            return seconds > 0 ? (completed - failed) / seconds : 0;
        }
    }

    /**
     * Runs tasks {@code 0..maxTasks-1} (fewer if {@code maxDuration} passes first) with {@code concurrency} in
     * flight, and waits for the ones in flight to finish.
     */
    public static Result run(int concurrency, long maxTasks, Duration maxDuration, LongFunction<Operation> pick,
                             Progress progress) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch workersDone = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        for (int worker = 0; worker < concurrency; worker++) {
            new Worker(pick, recorder, next, failed, firstFailure, maxTasks, deadline, workersDone, progress).sendNext();
        }
        if (!workersDone.await(maxDuration.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("requests still open a minute after the end of the run");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long completed = Math.min(next.get(), maxTasks);
        return new Result(completed, failed.get(), seconds, recorder.snapshot(seconds), firstFailure.get());
    }

    private static final class Worker {
        private final LongFunction<Operation> pick;
        private final LatencyRecorder recorder;
        private final AtomicLong next;
        private final AtomicLong failed;
        private final AtomicReference<String> firstFailure;
        private final long maxTasks;
        private final long deadline;
        private final CountDownLatch done;
        private final Progress progress;

        Worker(LongFunction<Operation> pick, LatencyRecorder recorder, AtomicLong next, AtomicLong failed,
               AtomicReference<String> firstFailure, long maxTasks, long deadline, CountDownLatch done, Progress progress) {
            this.pick = pick;
            this.recorder = recorder;
            this.next = next;
            this.failed = failed;
            this.firstFailure = firstFailure;
            this.maxTasks = maxTasks;
            this.deadline = deadline;
            this.done = done;
            this.progress = progress;
        }

        void sendNext() {
            long sequence;
            if (System.nanoTime() >= deadline || (sequence = next.getAndIncrement()) >= maxTasks) {
                done.countDown();
                return;
            }
            Operation operation = pick.apply(sequence);
            long sent = System.nanoTime();
            CompletableFuture<Boolean> outcome;
            try {
                outcome = operation.start(sequence);
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            // the next request is sent from the thread that completes this one; an answer that is already there
            // (a failure before sending) goes through the pool so a run of them never recurses deeply
            java.util.function.BiConsumer<Boolean, Throwable> then = (ok, failure) -> {
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    recorder.success(operation.name(), System.nanoTime() - sent);
                } else {
                    recorder.failure(operation.name(), Operation.reason(failure));
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, operation.name() + ": "
                            + (failure == null ? "unexpected answer" : String.valueOf(failure)));
                }
                if (progress != null) {
                    progress.advance(1);
                }
                sendNext();
            };
            if (outcome.isDone()) {
                outcome.whenCompleteAsync(then);
            } else {
                outcome.whenComplete(then);
            }
        }
    }
}
