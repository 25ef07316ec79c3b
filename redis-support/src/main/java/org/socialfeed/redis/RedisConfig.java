package org.socialfeed.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where Redis is ({@code social.redis.*}, env {@code SOCIAL_REDIS_URI}). */
@ConfigMapping(prefix = "social.redis")
public interface RedisConfig {

    /**
     * {@code redis://host:port} for one node; {@code redis-cluster://host:port,host:port,...} for a Redis Cluster,
     * given by some of its nodes (the client discovers the rest).
     */
    String uri();

    /** Command timeout: a slow Redis fails a request instead of hanging it. */
    @WithDefault("5S")
    Duration timeout();
}
