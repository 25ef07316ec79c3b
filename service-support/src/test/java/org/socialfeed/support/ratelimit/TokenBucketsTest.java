package org.socialfeed.support.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(3, Duration.ofSeconds(30), 2, now::get);

    @Test
    void aBurstUpToTheCapacityPassesThenTheCallerWaitsForOneRefill() {
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).contains(Duration.ofSeconds(10));

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(buckets.take("a")).contains(Duration.ofSeconds(6));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isPresent();
    }

    @Test
    void callersHaveTheirOwnBucketsAndAFullBucketDoesNotOverflow() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isEmpty();
        }
        assertThat(buckets.take("b")).isEmpty();
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("b")).isEmpty();
        }
        assertThat(buckets.take("b")).isPresent();
    }

    @Test
    void onlyTheMostRecentlySeenCallersAreKept() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }
        buckets.take("b");
        buckets.take("c"); // forgets "a", the least recently seen
        assertThat(buckets.take("a")).isEmpty();
    }
}
