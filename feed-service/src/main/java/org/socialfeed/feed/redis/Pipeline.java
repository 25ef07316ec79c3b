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
 * and one wait per batch instead of one per command. Not thread-confined: concurrent pipelines on the same
 * connection may flush each other's commands, which only sends them sooner.
 */
public final class Pipeline {

    private final RedisConnection connection;
    private final int batchSize;
    private final Duration timeout;
    private final List<RedisFuture<?>> pending = new ArrayList<>();

    public Pipeline(RedisConnection connection, int batchSize, Duration timeout) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.timeout = timeout;
    }

    /** Queues one or more commands; every {@code batchSize} commands the batch is sent and awaited. */
    public <T> RedisFuture<T> add(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisFuture<T> future = command.apply(connection.async());
        pending.add(future);
        if (pending.size() >= batchSize) {
            sync();
        }
        return future;
    }

    /** Sends what is queued and waits for all of it; a failed command fails the pipeline. */
    public void sync() {
        if (pending.isEmpty()) {
            return;
        }
        connection.flushCommands();
        RedisFuture<?>[] futures = pending.toArray(new RedisFuture<?>[0]);
        pending.clear();
        if (!LettuceFutures.awaitAll(timeout, futures)) {
            throw new IllegalStateException("Redis pipeline did not complete within " + timeout);
        }
    }
}
