package org.socialfeed.benchmark.load;

import org.HdrHistogram.Histogram;

/**
 * What one operation did in one phase: successful requests per second over the phase, errors, and latency
 * percentiles in milliseconds (of the successful requests, measured from their intended start).
 */
public record LatencyStats(String operation, long count, long errors, double throughputPerSecond,
                           double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

    private static final double NANOS_PER_MS = 1_000_000.0;

    /** An operation with no answer at all recorded. */
    public static LatencyStats none(String operation) {
        return new LatencyStats(operation, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static LatencyStats of(String operation, Histogram histogram, long errors, double elapsedSeconds) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return new LatencyStats(operation, 0, errors, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(operation, count, errors, elapsedSeconds > 0 ? count / elapsedSeconds : 0,
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()),
                histogram.getMean() / NANOS_PER_MS);
    }

    private static double ms(long nanos) {
        return nanos / NANOS_PER_MS;
    }
}
