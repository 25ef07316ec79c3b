package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.socialfeed.testing.OnRedisCluster;

/** {@link HomePolicyPathsTest} (every policy case through fan-out and rebuild) on a Redis Cluster. */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class HomePolicyPathsOnClusterTest extends HomePolicyPathsTest {
}
