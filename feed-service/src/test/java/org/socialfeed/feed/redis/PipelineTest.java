package org.socialfeed.feed.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.testing.SharedInfrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pipeline applies every command whatever its batch size, and a command that fails in any batch fails it. */
class PipelineTest {

    private static LettuceClient client;
    private static RedisConnection redis;

    @BeforeAll
    static void connect() {
        client = LettuceClient.create(SharedInfrastructure.get().redisUri(), Duration.ofSeconds(5));
        redis = client.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        client.shutdown();
    }

    @Test
    void everyCommandIsSentAndAwaitedAcrossBatches() {
        String key = "pipeline-test:" + UUID.randomUUID();
        Pipeline pipeline = new Pipeline(redis, 3, Duration.ofSeconds(5));
        List<RedisFuture<Long>> added = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String member = "m" + i;
            added.add(pipeline.add(commands -> commands.sadd(key, member)));
        }
        pipeline.sync();

        assertThat(added).allSatisfy(future -> assertThat(future.isDone()).isTrue());
        assertThat(redis.sync().scard(key)).isEqualTo(10);
    }

    @Test
    void aCommandThatFailsInAnEarlierBatchFailsThePipeline() {
        String text = "pipeline-text:" + UUID.randomUUID();
        String set = "pipeline-set:" + UUID.randomUUID();
        redis.sync().set(text, "not a set");
        Pipeline pipeline = new Pipeline(redis, 2, Duration.ofSeconds(5));

        assertThatThrownBy(() -> {
            pipeline.add(commands -> commands.sadd(text, "a")); // WRONGTYPE, in the first batch
            pipeline.add(commands -> commands.sadd(set, "a"));
            pipeline.add(commands -> commands.sadd(set, "b"));
            pipeline.add(commands -> commands.sadd(set, "c"));
            pipeline.sync();
        }).isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("WRONGTYPE");
    }
}
