package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;

import java.util.List;

/**
 * One measured phase: {@code open-loop} at a fixed offered rate (latency from intended start) or
 * {@code closed-loop} saturation (as many requests as {@code concurrency} workers get answered).
 */
public record PhaseResult(String phase, String generator, double offeredRate, int concurrency, double seconds,
                          List<LatencyStats> operations, double maxSendLagMs) {
}
