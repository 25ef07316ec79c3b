package org.socialfeed.feed.redis;

import org.socialfeed.redis.Pipelined;
import org.socialfeed.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.redis.RedisConfig;

/** Opens {@link Pipeline}s on the {@link Pipelined} connection, sized by {@code fan-out-batch-size}. */
@ApplicationScoped
public class Pipelines {

    private final RedisConnection pipelined;
    private final FeedConfig config;
    private final RedisConfig redisConfig;

    public Pipelines(@Pipelined RedisConnection pipelined, FeedConfig config,
                     RedisConfig redisConfig) {
        this.pipelined = pipelined;
        this.config = config;
        this.redisConfig = redisConfig;
    }

    public Pipeline open() {
        return new Pipeline(pipelined, config.fanOutBatchSize(), redisConfig.timeout());
    }
}
