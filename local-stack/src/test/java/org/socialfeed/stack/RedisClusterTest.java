package org.socialfeed.stack;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A real three-primary, three-replica cluster forms, and a cluster client spreads keys over its primaries. */
class RedisClusterTest {

    @TempDir
    static Path directory;
    private static RedisCluster cluster;
    private static RedisClusterClient client;
    private static StatefulRedisClusterConnection<String, String> connection;

    @BeforeAll
    static void formCluster() throws Exception {
        cluster = RedisCluster.start(RedisCluster.freePorts(6), 3, directory.resolve("redis"), directory.resolve("logs"));
        client = RedisClusterClient.create(Arrays.stream(cluster.uri().substring("redis-cluster://".length())
                .split(",")).map(seed -> RedisURI.create("redis://" + seed)).toList());
        connection = client.connect();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeReportsAHealthyClusterWithTheCompactEncodingSetting() {
        for (RedisCluster.Node node : cluster.nodes()) {
            checkNode(node, commands -> {
                String info = commands.clusterInfo();
                assertThat(info).contains("cluster_state:ok", "cluster_slots_ok:16384", "cluster_known_nodes:6",
                        "cluster_size:3");
                assertThat(commands.configGet("zset-max-ziplist-entries"))
                        .containsEntry("zset-max-ziplist-entries", RedisNode.COMPACT_ZSET_LIMIT);
            });
        }
        assertThat(cluster.primaries()).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3).allSatisfy(replica -> checkNode(replica, commands ->
                assertThat(commands.info("replication")).contains("role:slave", "master_link_status:up")));
    }

    @Test
    void aClusterClientRoutesKeysOfDifferentSlotsToDifferentPrimaries() {
        RedisAdvancedClusterCommands<String, String> commands = connection.sync();
        List<String> keys = List.of("route:a", "route:b", "route:c", "route:d", "route:e", "route:f", "route:g");
        keys.forEach(key -> commands.set(key, "value of " + key));

        // MGET over several slots: the cluster client splits it per slot and joins the answers in order
        assertThat(commands.mget(keys.toArray(String[]::new))).extracting(KeyValue::getValue)
                .containsExactlyElementsOf(keys.stream().map(key -> "value of " + key).toList());
        Map<String, Long> keysPerPrimary = cluster.primaries().stream().collect(Collectors.toMap(
                RedisCluster.Node::uri, primary -> RedisCluster.onNode(primary, node -> (long) node.keys("route:*").size())));
        assertThat(keysPerPrimary.values()).as("keys on each primary").allMatch(count -> count > 0);
        assertThat(keysPerPrimary.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(keys.size());
        keys.forEach(key -> assertThat(RedisCluster.<String>onNode(cluster.primaryOf(key), node -> node.get(key)))
                .as("%s read from the primary the cluster names for it", key).isEqualTo("value of " + key));
    }

    @Test
    void keysWithOneHashTagShareASlotSoAScriptMayTouchThemAll() {
        assertThat(SlotHash.getSlot("notif:{alice}:recent")).isEqualTo(SlotHash.getSlot("notif:{alice}:unread"));
        Long written = connection.sync().eval("redis.call('SET', KEYS[1], 'x'); redis.call('SET', KEYS[2], 'y');"
                        + " return redis.call('EXISTS', KEYS[1], KEYS[2])", ScriptOutputType.INTEGER,
                "tag:{alice}:one", "tag:{alice}:two");
        assertThat(written).isEqualTo(2);
    }

    private static void checkNode(RedisCluster.Node node, Consumer<RedisCommands<String, String>> action) {
        RedisCluster.onNode(node, commands -> {
            action.accept(commands);
            return null;
        });
    }
}
