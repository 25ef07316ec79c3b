package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.graph.LoadSummary;
import org.socialfeed.benchmark.measure.RedisStats;

import java.util.List;
import java.util.Map;

/**
 * Everything measured in one fan-out mode, on a stack started fresh for it; {@code reads} has the read endpoints
 * and {@code posting} the posting phases (also in {@code phases}, as their saturation and open-loop phases) with
 * what was derived from them; {@code growth}, if the run grew the store, posting and delivery measured again after;
 * {@code mixedDelivery}, delivery while the 60/30/10 mix runs.
 */
public record ModeResult(String mode, String description, Map<String, String> environment, LoadSummary load,
                         List<PhaseResult> phases, DeliveryResult delivery, FanOutResult fanOut,
                         RedisStats.TimelineMemory memory, double meanHomePageSize, List<ReadEndpointResult> reads,
                         PostingResult posting, NotificationLoad notifications, StoreGrowthResult growth,
                         MixedDeliveryResult mixedDelivery) {

    /** The result of {@code endpoint}, or null if this mode did not measure it. */
    public ReadEndpointResult read(ReadEndpoint endpoint) {
        return reads.stream().filter(r -> r.endpoint() == endpoint).findFirst().orElse(null);
    }

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
