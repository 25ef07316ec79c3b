package org.socialfeed.notification.replica;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import org.socialfeed.redis.RedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.SharedInfrastructure;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A read-model write that Redis missed leaves no stale key behind once Redis answers again (real redis-server). */
class ReadModelWritesTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(SharedInfrastructure.get().redisUri());
        redis = client.connect();
    }

    @AfterAll
    static void disconnect() {
        client.shutdown();
    }

    @Test
    void aFailedWriteIsNotThrownAndItsKeysAreDroppedByTheNextWrite() {
        ReadModelWrites writes = new ReadModelWrites(RedisConnection.of(redis));
        String stale = "notif:{" + UUID.randomUUID() + "}:state";
        String untouched = "notif:{" + UUID.randomUUID() + "}:state";
        redis.sync().set(stale, "built before the outage");
        redis.sync().set(untouched, "kept");

        assertThatCode(() -> writes.apply(() -> {
            throw new RedisException("Connection refused");
        }, stale)).doesNotThrowAnyException();
        assertThat(redis.sync().get(stale)).isNotNull(); // Redis was "down": nothing could be dropped yet

        writes.apply(() -> redis.sync().set("notif:probe", "1"));
        assertThat(redis.sync().exists(stale)).isZero();
        assertThat(redis.sync().get(untouched)).isEqualTo("kept");
    }
}
