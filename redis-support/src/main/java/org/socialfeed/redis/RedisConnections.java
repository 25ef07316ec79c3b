package org.socialfeed.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.util.stream.IntStream;

/**
 * The Lettuce client and its connections. One shared connection serves single reads and writes (Lettuce
 * multiplexes it across threads); hot reads spread over {@link RedisReads}; fan-out gets a {@link Pipelined}
 * connection of its own with auto-flush off, so thousands of inserts leave in a few writes; the live stream listens
 * on a pub/sub connection.
 */
public class RedisConnections {

    /**
     * The client, on resources of its own without Lettuce's per-command latency statistics: with LatencyUtils on the
     * class path (Micrometer brings it) Lettuce records every command's latency on its I/O threads, a cost on every
     * read.
     */
    @Produces
    @Singleton
    RedisClient client(RedisConfig config) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        RedisClient client = RedisClient.create(
                ClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled()).build(), uri);
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

    /** One connection per Lettuce I/O thread (one per core) for hot reads. */
    @Produces
    @Singleton
    RedisReads reads(RedisClient client) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new RedisReads(IntStream.range(0, threads).mapToObj(i -> client.connect()).toList());
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

    /**
     * Closes every connection of the client, then its resources: in that order, as a client whose event loops are
     * already gone waits for ever to close its connections.
     */
    void shutdown(@Disposes RedisClient client) {
        client.shutdown();
        client.getResources().shutdown();
    }
}
