package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;

/**
 * Time from a post being accepted (201 from post-service) to it showing in a follower's home timeline, under a
 * background load of {@code backgroundPostsPerSecond}; for a normal author and for a celebrity. {@code missed}
 * posts did not show within the probe's timeout. {@code celebrityAccepted} is the celebrity's POST latency.
 */
public record DeliveryResult(double backgroundPostsPerSecond, double pollIntervalMs, double timeoutSeconds,
                             int normalAuthorFollowers, LatencyStats normal, long normalMissed,
                             int celebrityFollowers, LatencyStats celebrity, long celebrityMissed,
                             LatencyStats celebrityAccepted) {
}
