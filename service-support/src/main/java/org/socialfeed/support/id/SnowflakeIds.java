package org.socialfeed.support.id;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Time-ordered 64-bit ids that stay below 2^53, so a Redis sorted-set score (a double) holds them exactly
 * and JavaScript clients can parse them. Layout: 41 bits of milliseconds since 2025-01-01 (good until 2094),
 * then 12 bits of sequence. The sequence starts at a random point in its lower half every millisecond, so two instances rarely
 * pick the same id; stores that key on the id reject the rare clash and the caller retries. One generator per
 * process (a CDI singleton): two in one process could hand out the same id in the same millisecond.
 */
@Singleton
public final class SnowflakeIds {

    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    /** Every id is below this (ADR 3). */
    public static final long BOUND = 1L << 53;
    /** How far ahead of this instance's clock another instance's clock may be when it makes an id. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(1);
    private static final int SEQUENCE_BITS = 12;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long sequence;

    public synchronized long next() {
        long millis = System.currentTimeMillis() - EPOCH.toEpochMilli();
        if (millis > lastMillis) {
            lastMillis = millis;
            sequence = random.nextInt(1 << (SEQUENCE_BITS - 1)); // leaves at least 2048 ids in this millisecond
        } else if (++sequence > SEQUENCE_MASK) {
            // this millisecond is used up (or the clock stepped back): borrow the next one, never repeat an id
            lastMillis++;
            sequence = 0;
        }
        return (lastMillis << SEQUENCE_BITS) | sequence;
    }

    /** The smallest id that could have been made at {@code instant}: a cursor for "posts since then". */
    public static long floorAt(Instant instant) {
        return (instant.toEpochMilli() - EPOCH.toEpochMilli()) << SEQUENCE_BITS;
    }

    /**
     * Whether {@code id} could have been made by now: positive, below {@link #BOUND}, and not from later than now
     * plus {@link #CLOCK_SKEW_ALLOWANCE}. A cursor that no id can reach (a read marker at 2^63 - 1) is refused with this.
     */
    public static boolean couldExist(long id) {
        return id > 0 && id < BOUND
                && !instantOf(id).isAfter(Instant.now().plus(CLOCK_SKEW_ALLOWANCE));
    }

    public static Instant instantOf(long id) {
        return EPOCH.plusMillis(id >>> SEQUENCE_BITS);
    }
}
