package org.socialfeed.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Lettuce client for one Redis node or for a Redis Cluster, chosen by the URI: {@code redis://host:port} (any URI
 * Lettuce reads) or {@code redis-cluster://host:port,host:port,...}, some nodes of the cluster. Both hand out
 * {@link RedisConnection}s, so the code above does not know which it talks to.
 */
public final class LettuceClient {

    static final String CLUSTER_SCHEME = "redis-cluster://";
    /**
     * How often a cluster client re-reads the topology even when nothing told it to. Lettuce's first refresh after a
     * primary dies comes before its replica is promoted (2-4 s with a 2 s node timeout), so a short period is what
     * brings the promoted replica into use within seconds (with a 2 s period reads resumed 3.6 s after a primary was
     * killed, on the test cluster of RedisClusterFailoverTest; 5 s re-reads less often for a few seconds more).
     */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    /** The shortest time between two refreshes that errors (MOVED, reconnects) trigger; Lettuce's default is 30 s. */
    private static final Duration TRIGGERED_REFRESH_GAP = Duration.ofSeconds(1);

    private final RedisClient node;
    private final RedisClusterClient cluster;

    private LettuceClient(RedisClient node, RedisClusterClient cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    /**
     * A client on resources of its own without Lettuce's per-command latency statistics: with LatencyUtils on the
     * class path (Micrometer brings it) Lettuce records every command's latency on its I/O threads, a cost on every
     * read. Commands time out after {@code timeout}; while disconnected they fail at once instead of queueing.
     */
    public static LettuceClient create(String uri, Duration timeout) {
        return create(uri, timeout, ClientResources.builder());
    }

    /** A client whose connections do their I/O on the given event loops (Vert.x's: {@link VertxEventLoops}). */
    static LettuceClient onEventLoops(String uri, Duration timeout, VertxEventLoops loops) {
        return create(uri, timeout, ClientResources.builder().eventLoopGroupProvider(loops));
    }

    private static LettuceClient create(String uri, Duration timeout, ClientResources.Builder resourcesBuilder) {
        ClientResources resources = resourcesBuilder.commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        if (!uri.startsWith(CLUSTER_SCHEME)) {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setTimeout(timeout);
            RedisClient client = RedisClient.create(resources, redisUri);
            client.setOptions(ClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            return new LettuceClient(client, null);
        }
        RedisClusterClient client = RedisClusterClient.create(resources, seeds(uri, timeout));
        client.setOptions(ClusterClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(TRIGGERED_REFRESH_GAP)
                        .build())
                .build());
        return new LettuceClient(null, client);
    }

    /**
     * The host and port of every Redis node {@code uri} names: the one node of {@code redis://} or {@code rediss://}
     * (credentials and database left out), or each seed of {@code redis-cluster://} (a cluster's other nodes are
     * found by asking it, so they are not among them).
     */
    public static List<InetSocketAddress> nodesNamedBy(String uri) {
        List<RedisURI> nodes = uri.startsWith(CLUSTER_SCHEME) ? seeds(uri, RedisURI.DEFAULT_TIMEOUT_DURATION)
                : List.of(RedisURI.create(uri));
        return nodes.stream().map(node -> InetSocketAddress.createUnresolved(node.getHost(), node.getPort())).toList();
    }

    static List<RedisURI> seeds(String clusterUri, Duration timeout) {
        return Arrays.stream(clusterUri.substring(CLUSTER_SCHEME.length()).split(","))
                .map(String::strip)
                .filter(seed -> !seed.isEmpty())
                .map(seed -> {
                    RedisURI redisUri = RedisURI.create("redis://" + seed);
                    redisUri.setTimeout(timeout);
                    return redisUri;
                })
                .toList();
    }

    public boolean isCluster() {
        return cluster != null;
    }

    public RedisConnection connect() {
        return node != null ? RedisConnection.of(node.connect(ExactUtf8Codec.INSTANCE))
                : RedisConnection.of(cluster.connect(ExactUtf8Codec.INSTANCE));
    }

    /** Pub/sub: on a cluster, a message published on any node reaches subscribers on every node. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return node != null ? node.connectPubSub(ExactUtf8Codec.INSTANCE)
                : cluster.connectPubSub(ExactUtf8Codec.INSTANCE);
    }

    /**
     * Closes every connection of the client, then its resources: in that order, as a client whose event loops are
     * already gone waits for ever to close its connections.
     */
    public void shutdown() {
        AbstractRedisClient client = node != null ? node : cluster;
        client.shutdown();
        client.getResources().shutdown();
    }
}
