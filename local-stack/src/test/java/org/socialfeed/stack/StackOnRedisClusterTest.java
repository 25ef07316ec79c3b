package org.socialfeed.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SOCIALFEED_REDIS_CLUSTER=1: the stack starts a Redis Cluster instead of one node and hands out its URI. */
class StackOnRedisClusterTest {

    @TempDir
    Path data;

    @Test
    void theVariableAsksForACluster() {
        Map<String, String> env = Map.of("SOCIALFEED_REDIS_CLUSTER", "1");
        assertThat(StackSettings.fromEnvironment(Path.of(".."), env::get).redisCluster()).isTrue();
        assertThat(StackSettings.fromEnvironment(Path.of(".."), name -> null).redisCluster()).isFalse();
    }

    @Test
    void theStackStartsAndStopsAClusterOfSixNodes() throws Exception {
        List<String> said = new ArrayList<>();
        StackSettings settings = StackSettings.isolated(Path.of(".."), data).withServices(Set.of()).withRedisCluster();
        RedisCluster cluster;
        try (SocialfeedStack stack = SocialfeedStack.start(settings, said::add)) {
            cluster = stack.redisCluster();
            assertThat(stack.redisUri()).isEqualTo(cluster.uri()).startsWith("redis-cluster://127.0.0.1:");
            assertThat(cluster.nodes()).hasSize(6).allMatch(node -> node.process().isAlive());
            assertThat(stack.summary()).contains("redis cluster", cluster.uri());
            assertThatThrownBy(() -> stack.stopStore(SocialfeedStack.Store.REDIS, true))
                    .hasMessageContaining("cluster");
        }
        assertThat(cluster.nodes()).noneMatch(node -> node.process().isAlive());
    }
}
