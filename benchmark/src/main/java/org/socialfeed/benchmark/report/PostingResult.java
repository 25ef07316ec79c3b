package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.measure.FeedTimers;
import org.socialfeed.benchmark.measure.ProcessCpu;
import org.socialfeed.benchmark.profile.ProfileSummary;

import java.util.List;

/**
 * Posting ({@code POST /api/v1/statuses}, regular authors in turn): {@code saturated} by {@code connections}
 * keep-alive connections (closed loop), then {@code offeredRate} posts/s in an open loop ({@code atOffered}, latency
 * from each request's intended start), of which the generator sent {@code sentPerSecond}. {@code appliedPerSecond}:
 * the saturated phase's posts over the time until every service had applied them (its seconds plus the consumers'
 * catch-up after it), what the whole stack sustains end to end. {@code cpu}: CPU per post of each process over the
 * saturated phase and its catch-up (from /proc); {@code hops}: feed-service's timers of a post's way over the same
 * window ({@link FeedTimers}); {@code profiles}: with {@code --profile}, each JVM of the posting path recorded with
 * JFR over the same window, per post (empty otherwise).
 */
public record PostingResult(int connections, LatencyStats saturated, double offeredRate, double sentPerSecond,
                            LatencyStats atOffered, double catchUpSeconds, double appliedPerSecond,
                            ProcessCpu.Usage cpu, List<FeedTimers.Hop> hops,
                            List<ProfileSummary> profiles) {
}
