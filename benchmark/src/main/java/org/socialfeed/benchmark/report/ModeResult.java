package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.graph.LoadSummary;
import org.socialfeed.benchmark.measure.RedisStats;

import java.util.List;
import java.util.Map;

/** Everything measured with feed-service in one fan-out mode, on a stack started fresh for it. */
public record ModeResult(String mode, String description, Map<String, String> environment, LoadSummary load,
                         List<PhaseResult> phases, DeliveryResult delivery, FanOutResult fanOut,
                         RedisStats.TimelineMemory memory, double meanHomePageSize) {

    /** The stats of {@code operation} in {@code phase}, or null. */
    public org.socialfeed.benchmark.load.LatencyStats stats(String phase, String operation) {
        for (PhaseResult result : phases) {
            if (result.phase().equals(phase)) {
                for (var stats : result.operations()) {
                    if (stats.operation().equals(operation)) {
                        return stats;
                    }
                }
            }
        }
        return null;
    }
}
