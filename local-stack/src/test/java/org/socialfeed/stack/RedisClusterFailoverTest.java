package org.socialfeed.stack;

import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test cluster fails over as a production one does: its short node timeout lets the replica of a killed primary
 * take over within seconds (3.6 s measured), with the data it had copied, and a cluster client that follows topology
 * changes reads the key again.
 */
class RedisClusterFailoverTest {

    @TempDir
    Path directory;

    @Test
    void aKilledPrimarysReplicaTakesOverWithItsData() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(RedisCluster.freePorts(6), 3, directory.resolve("redis"),
                directory.resolve("logs"))) {
            RedisClusterClient client = RedisClusterClient.create(Arrays.stream(cluster.uri()
                    .substring("redis-cluster://".length()).split(",")).map(seed -> RedisURI.create("redis://" + seed))
                    .toList());
            client.setOptions(ClusterClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            // Lettuce's default waits 30 s between two adaptive refreshes: the first one, as the
                            // primary drops, comes before the replica is promoted
                            .enableAllAdaptiveRefreshTriggers().adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                            .enablePeriodicRefresh(Duration.ofSeconds(2)).build())
                    .build());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                connection.sync().set("failover:{key}", "kept");
                RedisCluster.Node primary = cluster.primaryOf("failover:{key}");
                assertThat(RedisCluster.<Long>onNode(primary, node -> node.waitForReplication(1, 5_000)))
                        .as("the replica has the write").isEqualTo(1);

                primary.process().kill();
                Instant killed = Instant.now();
                String value = null;
                while (value == null && Duration.between(killed, Instant.now()).toSeconds() < 30) {
                    try {
                        value = connection.sync().get("failover:{key}");
                    } catch (RuntimeException stillFailingOver) {
                        ManagedProcess.sleep(Duration.ofMillis(200));
                    }
                }

                assertThat(value).isEqualTo("kept");
                RedisCluster.Node promoted = cluster.primaryOf("failover:{key}");
                assertThat(promoted.primary()).as("a former replica serves the slot").isFalse();
                assertThat(RedisCluster.<String>onNode(promoted, node -> node.clusterInfo()))
                        .contains("cluster_state:ok");
            } finally {
                client.shutdown();
            }
        }
    }
}
