package org.socialfeed.feed.redis;

import org.junit.jupiter.api.Test;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.testing.SharedInfrastructure;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact-encoding setting is read from every node: the one node, or every primary and replica of the test
 * cluster, so one replica set too low is named.
 */
class CompactEncodingCheckTest {

    private static final int TIMELINE_CAP = 800;

    @Test
    void oneNodeIsReadAndNamedWhenItsLimitIsTooLow() {
        withConnection(SharedInfrastructure.get().redisUri(), redis -> {
            assertThat(CompactEncodingCheck.nodesBelow(TIMELINE_CAP, redis)).isEmpty();
            assertThat(CompactEncodingCheck.nodesBelow(5000, redis)).hasSize(1).containsValue("1024");
        });
    }

    @Test
    void everyPrimaryAndReplicaOfAClusterIsRead() {
        RedisCluster cluster = SharedInfrastructure.get().redisCluster();
        RedisCluster.Node replica = cluster.replicas().get(0);
        withConnection(cluster.uri(), redis -> {
            assertThat(CompactEncodingCheck.nodesBelow(TIMELINE_CAP, redis)).isEmpty();
            assertThat(CompactEncodingCheck.nodesBelow(5000, redis)).as("all six nodes, each 1024")
                    .hasSize(6).containsOnlyKeys(cluster.nodes().stream().map(node -> "127.0.0.1:" + node.port())
                            .toList());

            RedisCluster.onNode(replica, node -> node.configSet(CompactEncodingCheck.SETTING, "128"));
            try {
                assertThat(CompactEncodingCheck.nodesBelow(TIMELINE_CAP, redis))
                        .containsExactly(Map.entry("127.0.0.1:" + replica.port(), "128"));
            } finally {
                RedisCluster.onNode(replica, node -> node.configSet(CompactEncodingCheck.SETTING, "1024"));
            }
        });
    }

    private static void withConnection(String uri, Consumer<RedisConnection> test) {
        LettuceClient client = LettuceClient.create(uri, Duration.ofSeconds(5));
        RedisConnection redis = client.connect();
        try {
            test.accept(redis);
        } finally {
            redis.close();
            client.shutdown();
        }
    }
}
