package org.socialfeed.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few connections that hot reads spread over, one per read, round robin. Lettuce encodes and decodes a connection's
 * commands on that connection's one I/O thread, so a single connection caps a read-heavy service at one core. A read
 * that keeps to one connection and carries on in Lettuce's callbacks (on that thread) queues its next round trip
 * without handing work to another thread; and with auto-flush off, a round trip's commands leave in one write:
 * queue them on {@link Connection#commands()}, then {@link Connection#send()} them.
 */
public final class RedisReads {

    private final List<RedisConnection> connections;
    private final AtomicInteger next = new AtomicInteger();

    RedisReads(List<RedisConnection> connections) {
        connections.forEach(connection -> connection.setAutoFlushCommands(false));
        this.connections = List.copyOf(connections);
    }

    /** The connection for one read's round trips. */
    public Connection connection() {
        return new Connection(connections.get(Math.floorMod(next.getAndIncrement(), connections.size())));
    }

    /** One read's connection: commands are queued until {@link #send()}. */
    public static final class Connection {
        private final RedisConnection connection;

        private Connection(RedisConnection connection) {
            this.connection = connection;
        }

        public RedisClusterAsyncCommands<String, String> commands() {
            return connection.async();
        }

        /** Writes every command queued on the connection (other reads' too: they lose nothing by it). */
        public void send() {
            connection.flushCommands();
        }
    }
}
