package org.socialfeed.benchmark.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisStatsTest {

    @Test
    void readsCallsOfOneCommandFromCommandstats() {
        String info = "# Commandstats\r\ncmdstat_zadd:calls=123456,usec=1000,usec_per_call=0.01,rejected_calls=0,"
                + "failed_calls=0\r\ncmdstat_zaddx:calls=9\r\ncmdstat_get:calls=7,usec=3\r\n";

        assertThat(RedisStats.commandCalls(info, "zadd")).isEqualTo(123_456);
        assertThat(RedisStats.commandCalls(info, "get")).isEqualTo(7);
        assertThat(RedisStats.commandCalls(info, "zrevrange")).isZero();
    }
}
