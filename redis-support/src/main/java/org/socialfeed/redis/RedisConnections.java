package org.socialfeed.redis;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;


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

    /**
     * Hot reads: a client of their own, doing its I/O on Vert.x's event loops, one connection per loop. Made at
     * start-up, on the main thread: connecting waits for the event loops, so it must not run on one of them.
     */
    @Produces
    @Singleton
    @Startup
    RedisReads reads(RedisConfig config, Vertx vertx) {
        VertxEventLoops loops = new VertxEventLoops(vertx.nettyEventLoopGroup());
        return new RedisReads(LettuceClient.onEventLoops(config.uri(), config.timeout(), loops), loops.threadPoolSize());
    }

    void close(@Disposes RedisReads reads) {
        reads.close();
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
