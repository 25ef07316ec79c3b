package org.socialfeed.benchmark.run;

import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.load.LatencyRecorder;
import org.socialfeed.benchmark.load.LatencyStats;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches accepted posts until they show in a follower's home timeline: polls the timeline (asking only for
 * statuses from the post on) every {@code pollInterval} and records the time from the post's 2xx to the first poll
 * that shows it. Resolution is the poll interval plus one timeline read.
 */
final class DeliveryTracker implements AutoCloseable {

    private final SocialApi api;
    private final Duration pollInterval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "delivery-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final Map<String, LongAdder> missed = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();

    DeliveryTracker(SocialApi api, Duration pollInterval, Duration timeout) {
        this.api = api;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    void watch(String kind, String postId, long acceptedNanos, Account follower) {
        pending.incrementAndGet();
        missed.computeIfAbsent(kind, k -> new LongAdder());
        poll(kind, postId, acceptedNanos, follower);
    }

    private void poll(String kind, String postId, long acceptedNanos, Account follower) {
        api.homeTimelineShows(follower, postId).whenComplete((shown, failure) -> {
            long now = System.nanoTime();
            if (failure == null && Boolean.TRUE.equals(shown)) {
                recorder.success(kind, now - acceptedNanos);
                pending.decrementAndGet();
            } else if (now - acceptedNanos > timeout.toNanos()) {
                missed.get(kind).increment();
                pending.decrementAndGet();
            } else {
                scheduler.schedule(() -> poll(kind, postId, acceptedNanos, follower), pollInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Waits until every watched post has shown or timed out; then the delivery latencies per kind. */
    Map<String, LatencyStats> await() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos() + Duration.ofSeconds(15).toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return recorder.snapshot(0);
    }

    long missed(String kind) {
        LongAdder count = missed.get(kind);
        return count == null ? 0 : count.sum();
    }

    Duration pollInterval() {
        return pollInterval;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
