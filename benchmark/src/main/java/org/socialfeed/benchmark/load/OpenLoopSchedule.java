package org.socialfeed.benchmark.load;

import java.time.Duration;

/**
 * When each request of an open-loop run is meant to start: request {@code i} at {@code start + i / rate}, whatever
 * happened to the requests before it. Latency is measured from this intended start, not from the moment the request
 * was actually sent, so a stall in the system (or in the generator) is charged to every request it delayed; that is
 * what keeps the measurement free of coordinated omission.
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond, long durationNanos, long maxRequests) {

    public OpenLoopSchedule {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (durationNanos <= 0 || maxRequests <= 0) {
            throw new IllegalArgumentException("an open-loop run needs a positive duration and request bound");
        }
    }

    public static OpenLoopSchedule of(long startNanos, double ratePerSecond, Duration duration, long maxRequests) {
        return new OpenLoopSchedule(startNanos, ratePerSecond, duration.toNanos(), maxRequests);
    }

    /** The intended start of request {@code sequence} (0-based), computed from the start so no rounding drift adds up. */
    public long intendedStart(long sequence) {
        return startNanos + (long) (sequence * 1_000_000_000.0 / ratePerSecond);
    }

    /** Whether request {@code sequence} belongs to the run: inside the duration and under the request bound. */
    public boolean includes(long sequence) {
        return sequence >= 0 && sequence < maxRequests && intendedStart(sequence) - startNanos < durationNanos;
    }

    /** How many requests the run issues in all. */
    public long requestCount() {
        long byDuration = (long) Math.ceil(durationNanos / 1_000_000_000.0 * ratePerSecond);
        while (byDuration > 0 && !includes(byDuration - 1)) {
            byDuration--;
        }
        while (includes(byDuration)) {
            byDuration++;
        }
        return Math.min(byDuration, maxRequests);
    }

    /** The latency of a request that completed at {@code completedNanos}, measured from its intended start. */
    public long latencyNanos(long sequence, long completedNanos) {
        return Math.max(0, completedNanos - intendedStart(sequence));
    }
}
