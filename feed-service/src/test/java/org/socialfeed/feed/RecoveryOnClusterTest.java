package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.testing.OnRedisCluster;
import org.socialfeed.testing.SharedInfrastructure;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

/**
 * {@link RecoveryTest} on a Redis Cluster (a FLUSHALL there empties every primary), and the case only a cluster has:
 * one primary loses its keys while the others keep theirs.
 */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class RecoveryOnClusterTest extends RecoveryTest {

    @Test
    void aFlushOfThePrimaryHoldingATimelineHealsIntoTheSameTimeline() {
        User author = user("steady");
        User reader = user("on-one-node");
        HomeApi.ids(reader);
        FeedEvents.follow(reader, author);
        HomeApi.await(() -> redis.sync().sismember(RedisKeys.followers(author.id()), reader.id()), true);
        String first = post(author, "first");
        String second = post(author, "second");
        FeedEvents.like(reader, first, author);
        HomeApi.awaitIds(reader, List.of(second, first));
        HomeApi.await(() -> HomeApi.home(reader, Map.of()).jsonPath().getBoolean("[1].favourited"), true);

        assertThat(redis.sync().clusterInfo()).contains("cluster_state:ok"); // the service really talks to a cluster
        flushPrimaryOf(RedisKeys.timeline(reader.id()));
        assertThat(redis.sync().exists(RedisKeys.timeline(reader.id()))).isZero(); // the service's cluster, flushed

        assertThat(HomeApi.ids(reader)).isEqualTo(List.of(second, first));
        assertThat(HomeApi.home(reader, Map.of()).jsonPath().getBoolean("[1].favourited")).isTrue();
        String third = post(author, "after the flush");
        HomeApi.awaitIds(reader, List.of(third, second, first));
    }

    /** FLUSHALL on the one primary that owns the key's slot (its replica follows). */
    private static void flushPrimaryOf(String key) {
        RedisCluster cluster = SharedInfrastructure.get().redisCluster();
        RedisCluster.onNode(cluster.primaryOf(key), node -> node.flushall());
    }
}
