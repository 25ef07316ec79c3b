package org.socialfeed.benchmark.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Latencies (HdrHistogram, 3 significant digits, nanoseconds) and error counts per operation, safe to share. */
public final class LatencyRecorder {

    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Boolean> order = new LinkedHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

    public void success(String operation, long latencyNanos) {
        series(operation).recorder.recordValue(Math.max(1, latencyNanos));
    }

    /**
     * A failed request (error status, timeout, connection error): counted apart, its latency is not mixed in. The
     * first reason per operation is kept for the console, so a failing phase says why.
     */
    public void failure(String operation, String reason) {
        series(operation).errors.increment();
        firstErrors.putIfAbsent(operation, reason);
    }

    /** The first failure reason of each operation that failed. */
    public Map<String, String> firstErrors() {
        return Map.copyOf(firstErrors);
    }

    public long completed() {
        long total = 0;
        for (Series s : series.values()) {
            total += s.done.sum();
        }
        return total;
    }

    /** What was recorded so far, per operation in the order they first appeared; resets nothing. */
    public synchronized Map<String, LatencyStats> snapshot(double elapsedSeconds) {
        Map<String, LatencyStats> result = new LinkedHashMap<>();
        for (String name : order.keySet()) {
            Series s = series.get(name);
            s.accumulated.add(s.recorder.getIntervalHistogram());
            result.put(name, LatencyStats.of(name, s.accumulated, s.errors.sum(), elapsedSeconds));
        }
        return result;
    }

    private Series series(String operation) {
        Series s = series.get(operation);
        if (s == null) {
            synchronized (this) {
                s = series.computeIfAbsent(operation, name -> new Series());
                order.putIfAbsent(operation, Boolean.TRUE);
            }
        }
        s.done.increment();
        return s;
    }

    private static final class Series {
        final Recorder recorder = new Recorder(3);
        final Histogram accumulated = new Histogram(3);
        final LongAdder errors = new LongAdder();
        final LongAdder done = new LongAdder();
    }
}
