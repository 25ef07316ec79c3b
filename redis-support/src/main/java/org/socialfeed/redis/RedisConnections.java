package org.socialfeed.redis;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.util.stream.IntStream;

/**
 * The Lettuce client and its connections, to one node or a cluster ({@link LettuceClient}). One shared connection
 * serves single reads and writes (Lettuce multiplexes it across threads); hot reads spread over {@link RedisReads};
 * fan-out gets a {@link Pipelined} connection of its own with auto-flush off, so thousands of inserts leave in a few
 * writes; live streams listen on a pub/sub connection.
 */
public class RedisConnections {

    @Produces
    @Singleton
    LettuceClient client(RedisConfig config) {
        return LettuceClient.create(config.uri(), config.timeout());
    }

    @Produces
    @Singleton
    RedisConnection shared(LettuceClient client) {
        return client.connect();
    }

    /** One connection per Lettuce I/O thread (one per core) for hot reads. */
    @Produces
    @Singleton
    RedisReads reads(LettuceClient client) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new RedisReads(IntStream.range(0, threads).mapToObj(i -> client.connect()).toList());
    }

    @Produces
    @Singleton
    @Pipelined
    RedisConnection pipelined(LettuceClient client) {
        RedisConnection connection = client.connect();
        connection.setAutoFlushCommands(false);
        return connection;
    }

    @Produces
    @Singleton
    @Typed(StatefulRedisPubSubConnection.class)
    StatefulRedisPubSubConnection<String, String> pubSub(LettuceClient client) {
        return client.connectPubSub();
    }

    void shutdown(@Disposes LettuceClient client) {
        client.shutdown();
    }
}
