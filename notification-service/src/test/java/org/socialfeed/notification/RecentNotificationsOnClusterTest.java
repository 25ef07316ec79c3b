package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.testing.OnRedisCluster;
import org.socialfeed.testing.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same reads on a real Redis Cluster (three primaries, one replica each): a recipient's keys share a slot, the
 * rendered accounts and posts of a page are spread over all primaries. Redis losing its data here means one
 * primary losing its data (FLUSHALL), the one serving the reader's keys.
 */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class RecentNotificationsOnClusterTest extends RecentNotificationsTest {

    @Inject
    LettuceClient client;
    @ConfigProperty(name = "social.redis.uri")
    String redisUri;

    @Test
    void theServiceTalksToTheClusterTheTestSees() {
        assertThat(client.isCluster()).isTrue();
        assertThat(redisUri).isEqualTo(SharedInfrastructure.get().redisClusterUri());
    }

    @Override
    void loseRedisData(AccountRef reader) {
        RedisCluster cluster = SharedInfrastructure.get().redisCluster();
        RedisCluster.onNode(cluster.primaryOf("notif:{" + reader.id() + "}:recent"), node -> node.flushall());
    }
}
