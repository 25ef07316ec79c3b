package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.measure.FeedTimers;

import java.util.List;

/**
 * Delivery while DeathStarBench's mix runs: the mix saturated at {@code saturatedPerSecond} on the connections, and
 * the services took {@code catchUpSeconds} more to apply what it caused (fan-out, notifications, counters), so it is
 * sustained end to end at {@code sustainedPerSecond}; then offered at {@code offeredRate}, 70% of the sustained rate
 * (the generator sent {@code sentPerSecond}), with probe posts among it: {@code homeProbesPerSecond}
 * by an author of {@code homeFollowers} followers, each timed until it shows in a follower's home timeline
 * ({@code home}), and {@code notificationProbesPerSecond} mentioning one of {@code streams} readers whose notification
 * stream is open, each timed until its notification arrives there ({@code notification}). Probes that did not show
 * within the timeout are {@code missed}. {@code hops}: feed-service's timers of a post's way over the offered phase
 * and the probes' wait ({@link FeedTimers}).
 */
public record MixedDeliveryResult(double saturatedPerSecond, double catchUpSeconds, double sustainedPerSecond,
                                  double offeredRate, double sentPerSecond,
                                  double pollIntervalMs, double timeoutSeconds, double homeProbesPerSecond, int homeFollowers,
                                  LatencyStats home, long homeMissed, double notificationProbesPerSecond, int streams,
                                  LatencyStats notification, long notificationMissed, List<FeedTimers.Hop> hops) {
}
