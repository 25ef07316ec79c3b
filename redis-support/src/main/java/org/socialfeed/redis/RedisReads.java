package org.socialfeed.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few connections that hot reads spread over, round robin, each read's commands leaving in one write. Lettuce
 * encodes and decodes a connection's commands on that connection's one I/O thread, so a single connection caps a
 * read-heavy service at one core; and with auto-flush on, every command is its own write and wake-up of that thread.
 * Here auto-flush is off: queue a round trip's commands on {@link Batch#commands()}, then {@link Batch#send()} them.
 */
public final class RedisReads {

    private final List<StatefulRedisConnection<String, String>> connections;
    private final AtomicInteger next = new AtomicInteger();

    RedisReads(List<StatefulRedisConnection<String, String>> connections) {
        connections.forEach(connection -> connection.setAutoFlushCommands(false));
        this.connections = List.copyOf(connections);
    }

    /** A round trip on the next connection: queue its commands, then send them together. */
    public Batch batch() {
        return new Batch(connections.get(Math.floorMod(next.getAndIncrement(), connections.size())));
    }

    /** The commands of one round trip, queued until {@link #send()}. */
    public static final class Batch {
        private final StatefulRedisConnection<String, String> connection;

        private Batch(StatefulRedisConnection<String, String> connection) {
            this.connection = connection;
        }

        public RedisAsyncCommands<String, String> commands() {
            return connection.async();
        }

        /** Writes every command queued on the connection (other readers' too: they lose nothing by it). */
        public void send() {
            connection.flushCommands();
        }
    }
}
