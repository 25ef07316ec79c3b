package org.socialfeed.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * The Lettuce client and its connections. One shared connection serves reads and single writes (Lettuce
 * multiplexes it across threads); fan-out gets a {@link Pipelined} connection of its own with auto-flush off, so
 * thousands of inserts leave in a few writes; the live stream listens on a pub/sub connection.
 */
public class RedisConnections {

    @Produces
    @Singleton
    RedisClient client(RedisConfig config) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    @Produces
    @Singleton
    StatefulRedisConnection<String, String> shared(RedisClient client) {
        return client.connect();
    }

    @Produces
    @Singleton
    @Pipelined
    StatefulRedisConnection<String, String> pipelined(RedisClient client) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setAutoFlushCommands(false);
        return connection;
    }

    @Produces
    @Singleton
    @Typed(StatefulRedisPubSubConnection.class)
    StatefulRedisPubSubConnection<String, String> pubSub(RedisClient client) {
        return client.connectPubSub();
    }

    /** Closes every connection of the client too. */
    void shutdown(@Disposes RedisClient client) {
        client.shutdown();
    }
}
