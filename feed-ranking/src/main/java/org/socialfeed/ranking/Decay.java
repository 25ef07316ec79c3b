package org.socialfeed.ranking;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential decay kept as a growing scale ("forward decay"): an interaction at time t is stored as
 * {@code weight * 2^((t - EPOCH) / halfLife)}. Such values add up (a Redis ZINCRBY), sums of different readers'
 * signals compare directly without being rewritten as time passes, and dividing a sum by
 * {@code 2^((now - EPOCH) / halfLife)} gives its value today, each interaction halved once per half-life since it
 * happened. The scale doubles once per half-life: with a 30-day half-life a double holds it for about 80 years.
 */
public record Decay(Duration halfLife) {

    public static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** The stored form of {@code weight} happening at {@code atMillis}. */
    public double grown(double weight, long atMillis) {
        return weight * scale(atMillis);
    }

    /** The value at {@code nowMillis} of a sum of {@link #grown} values. */
    public double valueAt(double grownSum, long nowMillis) {
        return grownSum / scale(nowMillis);
    }

    private double scale(long atMillis) {
        return Math.pow(2, (double) (atMillis - EPOCH_MILLIS) / halfLife.toMillis());
    }
}
