package org.socialfeed.notification.replica;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.testing.SharedInfrastructure;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A read-model write that Redis missed leaves no stale key behind once Redis answers again: on one real
 * redis-server and on a real Redis Cluster, where the stale keys of two recipients lie in different slots.
 */
class ReadModelWritesTest {

    static Stream<String> redisUris() {
        return Stream.of(SharedInfrastructure.get().redisUri(), SharedInfrastructure.get().redisClusterUri());
    }

    @ParameterizedTest
    @MethodSource("redisUris")
    void aFailedWriteIsNotThrownAndItsKeysAreDroppedByTheNextWrite(String redisUri) {
        LettuceClient client = LettuceClient.create(redisUri, Duration.ofSeconds(5));
        try {
            ReadModelWrites writes = new ReadModelWrites(client.connect());
            RedisClusterCommands<String, String> redis = client.connect().sync();
            String stale = "notif:{" + UUID.randomUUID() + "}:state";
            String otherStale = "notif:{" + UUID.randomUUID() + "}:state";
            String untouched = "notif:{" + UUID.randomUUID() + "}:state";
            redis.set(stale, "built before the outage");
            redis.set(otherStale, "built before the outage");
            redis.set(untouched, "kept");

            assertThatCode(() -> writes.apply(() -> {
                throw new RedisException("Connection refused");
            }, stale, otherStale)).doesNotThrowAnyException();
            assertThat(redis.get(stale)).isNotNull(); // Redis was "down": nothing could be dropped yet

            writes.apply(() -> redis.set("notif:probe", "1"));
            assertThat(redis.exists(stale, otherStale)).isZero();
            assertThat(redis.get(untouched)).isEqualTo("kept");
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest
    @MethodSource("redisUris")
    void aWriteClaimingKeysCompleteIsSkippedWhileAFailedWriteLeftThemStale(String redisUri) {
        LettuceClient client = LettuceClient.create(redisUri, Duration.ofSeconds(5));
        try {
            ReadModelWrites writes = new ReadModelWrites(client.connect());
            RedisClusterCommands<String, String> redis = client.connect().sync();
            String stale = "notif:{" + UUID.randomUUID() + "}:state";
            String current = "notif:{" + UUID.randomUUID() + "}:state";
            writes.apply(() -> {
                throw new RedisException("Connection refused");
            }, stale);

            writes.applyIfCurrent(() -> redis.hset(stale, "floor", "0"), stale);
            writes.applyIfCurrent(() -> redis.hset(current, "floor", "0"), current);
            assertThat(redis.exists(stale)).isZero();
            assertThat(redis.hget(current, "floor")).isEqualTo("0");
        } finally {
            client.shutdown();
        }
    }
}
