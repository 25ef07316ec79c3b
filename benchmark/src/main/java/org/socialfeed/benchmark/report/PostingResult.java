package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;

/**
 * Posting ({@code POST /api/v1/statuses}, regular authors in turn): {@code saturated} by {@code connections}
 * keep-alive connections (closed loop), then {@code offeredRate} posts/s in an open loop ({@code atOffered}, latency
 * from each request's intended start), of which the generator sent {@code sentPerSecond}. {@code appliedPerSecond}:
 * the saturated phase's posts over the time until every service had applied them (its seconds plus the consumers'
 * catch-up after it), what the whole stack sustains end to end.
 */
public record PostingResult(int connections, LatencyStats saturated, double offeredRate, double sentPerSecond,
                            LatencyStats atOffered, double catchUpSeconds, double appliedPerSecond) {
}
