package org.socialfeed.redis;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections hot reads use, one per Vert.x event loop: their client does its I/O on Vert.x's own event loops
 * ({@link VertxEventLoops}), so a request served on an event loop takes that loop's connection and its round trips
 * never leave the thread: the commands are written from it, answered on it, and the response is written from it
 * (as a lean Vert.x server with Vert.x's own Redis client would). With auto-flush off, a round trip's commands
 * leave in one write: queue them on {@link Connection#commands()}, then {@link Connection#send()} them. A read that
 * starts elsewhere (a worker thread) takes the connections in turn.
 */
public final class RedisReads {

    private static final Logger LOG = Logger.getLogger(RedisReads.class);
    /** Netty assigns new channels to its loops in turn, shared with every other channel: a few tries cover them. */
    private static final int TRIES_PER_LOOP = 4;

    private final LettuceClient client;
    private final Map<Thread, RedisConnection> byLoop = new HashMap<>();
    private final List<RedisConnection> connections;
    private final AtomicInteger next = new AtomicInteger();

    RedisReads(LettuceClient client, int loops) {
        this.client = client;
        for (int tries = 0; byLoop.size() < loops && tries < loops * TRIES_PER_LOOP; tries++) {
            RedisConnection connection = client.connect();
            connection.setAutoFlushCommands(false);
            Thread loop = loopOf(connection);
            if (byLoop.putIfAbsent(loop, connection) != null) {
                connection.close();
            }
        }
        if (byLoop.size() < loops) {
            LOG.warnf("Redis reads have connections on %d of %d event loops", byLoop.size(), loops);
        }
        this.connections = List.copyOf(byLoop.values());
    }

    /** The thread a connection's answers arrive on: its channel's event loop. */
    private static Thread loopOf(RedisConnection connection) {
        CompletableFuture<Thread> loop = connection.async().ping().toCompletableFuture()
                .thenApply(pong -> Thread.currentThread());
        connection.flushCommands();
        return loop.join();
    }

    /** The connection for one read's round trips: the current event loop's, if it has one. */
    public Connection connection() {
        RedisConnection own = byLoop.get(Thread.currentThread());
        return new Connection(own != null ? own
                : connections.get(Math.floorMod(next.getAndIncrement(), connections.size())));
    }

    void close() {
        client.shutdown();
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

        /**
         * Queues an {@code MGET} whose values come back as the bytes Redis holds (null where a key has none), in
         * the order of {@code keys}: for values a read copies into its response as they are, without decoding them
         * into Strings and encoding them back. On a cluster, one {@code MGET} per slot, as Lettuce's own splits it.
         */
        public CompletableFuture<List<byte[]>> getAllBytes(List<String> keys) {
            Map<Integer, List<String>> bySlot = connection.isCluster()
                    ? SlotHash.partition(ExactUtf8Codec.INSTANCE, keys) : Map.of(0, keys);
            if (bySlot.size() == 1) {
                return getBytes(keys);
            }
            // the slots' answers may arrive on different threads: gathered once all are in
            List<List<String>> slotKeys = List.copyOf(bySlot.values());
            List<CompletableFuture<List<byte[]>>> answers = slotKeys.stream().map(this::getBytes).toList();
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<String, byte[]> values = new HashMap<>(keys.size() * 2);
                for (int slot = 0; slot < slotKeys.size(); slot++) {
                    List<byte[]> answer = answers.get(slot).join();
                    for (int i = 0; i < slotKeys.get(slot).size(); i++) {
                        values.put(slotKeys.get(slot).get(i), answer.get(i));
                    }
                }
                return keys.stream().map(values::get).toList();
            });
        }

        private CompletableFuture<List<byte[]>> getBytes(List<String> keys) {
            return connection.async().dispatch(CommandType.MGET, new BytesOutput(),
                    new CommandArgs<>(ExactUtf8Codec.INSTANCE).addKeys(keys)).toCompletableFuture();
        }

        /** Writes every command queued on the connection (other reads' too: they lose nothing by it). */
        public void send() {
            connection.flushCommands();
        }
    }

    /** An array of bulk strings as byte arrays; a missing value as null. */
    private static final class BytesOutput extends CommandOutput<String, String, List<byte[]>> {

        BytesOutput() {
            super(ExactUtf8Codec.INSTANCE, new ArrayList<>());
        }

        @Override
        public void set(ByteBuffer bytes) {
            if (bytes == null) {
                output.add(null);
                return;
            }
            byte[] value = new byte[bytes.remaining()];
            bytes.get(value);
            output.add(value);
        }
    }
}
