package org.socialfeed.support.id;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
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

    public static Instant instantOf(long id) {
        return EPOCH.plusMillis(id >>> SEQUENCE_BITS);
    }
}
