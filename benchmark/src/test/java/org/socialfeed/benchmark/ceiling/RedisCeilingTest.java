package org.socialfeed.benchmark.ceiling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisCeilingTest {

    @Test
    void readsRequestsPerSecondFromRedisBenchmarkCsv() {
        String csv = """
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "zadd bench:ceiling:tl:__rand_int__ __rand_int__ member:__rand_int__","418410.03","3.585","0.568","3.519","4.639","5.231","7.111"
                """;

        assertThat(RedisCeiling.parseCsvRequestsPerSecond(csv)).isEqualTo(418410.03);
    }

    @Test
    void refusesOutputWithoutAResult() {
        assertThatThrownBy(() -> RedisCeiling.parseCsvRequestsPerSecond("Could not connect to Redis"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Could not connect");
    }
}
