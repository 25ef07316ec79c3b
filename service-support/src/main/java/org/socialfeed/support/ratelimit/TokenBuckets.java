package org.socialfeed.support.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller key: {@code capacity} tokens that refill evenly over {@code window}, one taken per
 * request. In memory, so each instance counts only the requests it serves (see ADR 8). At most {@code maxKeys}
 * buckets are kept; the least recently used are dropped, which can only make a caller's limit more lenient.
 */
public final class TokenBuckets {

    private final long capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets;

    public TokenBuckets(long capacity, Duration window, int maxKeys, LongSupplier nanoClock) {
        if (capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive window");
        }
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / window.toNanos();
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Takes one token for {@code key}. Empty when the request may go ahead; otherwise how long until a token is
     * available again (the Retry-After).
     */
    public synchronized Optional<Duration> take(String key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * tokensPerNano);
        bucket.updatedAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
