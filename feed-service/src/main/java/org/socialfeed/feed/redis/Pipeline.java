package org.socialfeed.feed.redis;

import org.socialfeed.redis.Pipelined;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Queues commands on the {@link Pipelined} connection and sends them {@code batchSize} at a time: one network write
 * per batch instead of one per command. Two batches are in flight at most: a full batch is sent, then the one before
 * it is awaited, so Redis works on one batch while the next is queued, and a long pipeline (a post to thousands of
 * followers) is not a wait per batch. Not thread-confined: concurrent pipelines on the same connection may flush
 * each other's commands, which only sends them sooner.
 */
public final class Pipeline {

    private static final RedisFuture<?>[] NONE = new RedisFuture<?>[0];

    private final RedisConnection connection;
    private final int batchSize;
    private final Duration timeout;
    private final List<RedisFuture<?>> pending = new ArrayList<>();
    /** The batch sent last and not awaited yet. */
    private RedisFuture<?>[] inFlight = NONE;

    public Pipeline(RedisConnection connection, int batchSize, Duration timeout) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.timeout = timeout;
    }

    /** Queues one or more commands; every {@code batchSize} commands the batch is sent and the one before awaited. */
    public <T> RedisFuture<T> add(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisFuture<T> future = command.apply(connection.async());
        pending.add(future);
        if (pending.size() >= batchSize) {
            RedisFuture<?>[] sent = send();
            await(inFlight);
            inFlight = sent;
        }
        return future;
    }

    /** Sends what is queued and waits for everything sent; a failed command fails the pipeline. */
    public void sync() {
        RedisFuture<?>[] sent = send();
        RedisFuture<?>[] before = inFlight;
        inFlight = NONE;
        await(before);
        await(sent);
    }

    private RedisFuture<?>[] send() {
        if (pending.isEmpty()) {
            return NONE;
        }
        connection.flushCommands();
        RedisFuture<?>[] sent = pending.toArray(NONE);
        pending.clear();
        return sent;
    }

    private void await(RedisFuture<?>[] futures) {
        if (futures.length > 0 && !LettuceFutures.awaitAll(timeout, futures)) {
            throw new IllegalStateException("Redis pipeline did not complete within " + timeout);
        }
    }
}
