package org.socialfeed.support.id;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SnowflakeIdsTest {

    @Test
    void idsAreUniqueAndIncreasing() {
        SnowflakeIds ids = new SnowflakeIds();
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 200_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void idsAreExactAsRedisScoresUntil2094() {
        long lastMillisecond = SnowflakeIds.floorAt(Instant.parse("2094-09-01T00:00:00Z")) | 0xFFF;
        assertThat(lastMillisecond).isLessThan(1L << 53);
        assertThat((long) (double) lastMillisecond).isEqualTo(lastMillisecond);
    }

    @Test
    void instantRoundTripsThroughTheId() {
        Instant now = Instant.parse("2026-11-25T12:00:00.123Z");
        assertThat(SnowflakeIds.instantOf(SnowflakeIds.floorAt(now))).isEqualTo(now);
    }

    @Test
    void onlyIdsMadeByNowCouldExist() {
        assertThat(SnowflakeIds.couldExist(new SnowflakeIds().next())).isTrue();
        assertThat(SnowflakeIds.couldExist(SnowflakeIds.floorAt(Instant.now().plusSeconds(30)))).isTrue();
        assertThat(SnowflakeIds.couldExist(SnowflakeIds.floorAt(Instant.now().plus(Duration.ofMinutes(2))))).isFalse();
        assertThat(SnowflakeIds.couldExist(0)).isFalse();
        assertThat(SnowflakeIds.couldExist(-5)).isFalse();
        assertThat(SnowflakeIds.couldExist(1L << 53)).isFalse();
        assertThat(SnowflakeIds.couldExist(Long.MAX_VALUE)).isFalse();
    }
}
