package org.socialfeed.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * {@code CONFIG GET parameter} on every node, by node address ({@code host:port}): the one node's answer, or on a
     * cluster every primary's and every replica's (a setting such as an encoding limit applies per node, and a
     * replica becomes a primary on failover). A node that has no such parameter answers null.
     */
    public Map<String, String> configOnEveryNode(String parameter) {
        Map<String, String> values = new TreeMap<>();
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            cluster.sync().all().commands().configGet(parameter).asMap().forEach((node, answer) ->
                    values.put(node.getUri().getHost() + ":" + node.getUri().getPort(), answer.get(parameter)));
        } else {
            String address = Arrays.stream(((StatefulRedisConnection<String, String>) connection).sync().clientInfo()
                    .trim().split(" ")).filter(field -> field.startsWith("laddr=")).map(field -> field.substring(6))
                    .findFirst().orElse("the node");
            values.put(address, sync.configGet(parameter).get(parameter));
        }
        return values;
    }

    /** Whether commands go to a Redis Cluster, which refuses multi-key commands whose keys span slots. */
    public boolean isCluster() {
        return connection instanceof StatefulRedisClusterConnection;
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
