package org.socialfeed.benchmark.report;

/**
 * A burst of posts by the most-followed regular authors, and how fast Redis took the timeline inserts they caused:
 * ZADD calls counted at Redis (INFO commandstats) over the time from the first post to the last insert seen.
 * {@code complete} says whether the count reached {@code expectedInserts} (posts times followers).
 */
public record FanOutResult(long posts, long expectedInserts, long zaddCalls, double seconds,
                           double insertsPerSecond, boolean complete) {
}
