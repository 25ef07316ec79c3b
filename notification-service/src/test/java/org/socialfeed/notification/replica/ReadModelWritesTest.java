package org.socialfeed.notification.replica;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.testing.SharedInfrastructure;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BiConsumer;
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
        withWrites(redisUri, (writes, redis) -> {
            String stale = stateKey();
            String otherStale = stateKey();
            String untouched = stateKey();
            redis.set(stale, "built before the outage");
            redis.set(otherStale, "built before the outage");
            redis.set(untouched, "kept");

            assertThatCode(() -> failWrite(writes, stale, otherStale)).doesNotThrowAnyException();
            assertThat(redis.get(stale)).isNotNull(); // Redis was "down": nothing could be dropped yet

            writes.apply(() -> redis.set("notif:probe", "1"));
            assertThat(redis.exists(stale, otherStale)).isZero();
            assertThat(redis.get(untouched)).isEqualTo("kept");
        });
    }

    @ParameterizedTest
    @MethodSource("redisUris")
    void aWriteClaimingKeysCompleteIsSkippedWhileAFailedWriteLeftThemStale(String redisUri) {
        withWrites(redisUri, (writes, redis) -> {
            String stale = stateKey();
            String current = stateKey();
            failWrite(writes, stale);

            writes.applyIfCurrent(() -> redis.hset(stale, "floor", "0"), stale);
            writes.applyIfCurrent(() -> redis.hset(current, "floor", "0"), current);
            assertThat(redis.exists(stale)).isZero();
            assertThat(redis.hget(current, "floor")).isEqualTo("0");
        });
    }

    private static void withWrites(String redisUri,
                                   BiConsumer<ReadModelWrites, RedisClusterCommands<String, String>> test) {
        LettuceClient client = LettuceClient.create(redisUri, Duration.ofSeconds(5));
        try {
            test.accept(new ReadModelWrites(client.connect()), client.connect().sync());
        } finally {
            client.shutdown();
        }
    }

    /** A write Redis refused (as when it is down) of these keys. */
    private static void failWrite(ReadModelWrites writes, String... keys) {
        writes.apply(() -> {
            throw new RedisException("Connection refused");
        }, keys);
    }

    private static String stateKey() {
        return "notif:{" + UUID.randomUUID() + "}:state";
    }
}
