package org.socialfeed.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A connection to one Redis node or to a Redis Cluster, with the commands both have: code written against it runs
 * on either (a cluster routes each command by its key's slot and splits multi-key reads such as MGET per slot, but
 * refuses other commands and scripts whose keys span slots; see each service's key layout).
 */
public final class RedisConnection {

    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;

    private RedisConnection(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
                            RedisClusterAsyncCommands<String, String> async) {
        this.connection = connection;
        this.sync = sync;
        this.async = async;
    }

    public static RedisConnection of(StatefulRedisConnection<String, String> node) {
        return new RedisConnection(node, node.sync(), node.async());
    }

    public static RedisConnection of(StatefulRedisClusterConnection<String, String> cluster) {
        return new RedisConnection(cluster, cluster.sync(), cluster.async());
    }

    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** With auto-flush off, commands queue until {@link #flushCommands()} writes them all at once. */
    public void setAutoFlushCommands(boolean autoFlush) {
        connection.setAutoFlushCommands(autoFlush);
    }

    public void flushCommands() {
        connection.flushCommands();
    }

    public void close() {
        connection.close();
    }
}
