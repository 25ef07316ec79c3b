package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.socialfeed.testing.OnRedisCluster;

/** {@link StreamingTest} (live events over pub/sub, resuming a stream) on a Redis Cluster. */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class StreamingOnClusterTest extends StreamingTest {
}
