package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.socialfeed.testing.OnRedisCluster;

/** {@link HomeTimelineTest} (fan-out, paging, deletes, edits, blocks and mutes) on a Redis Cluster. */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class HomeTimelineOnClusterTest extends HomeTimelineTest {
}
