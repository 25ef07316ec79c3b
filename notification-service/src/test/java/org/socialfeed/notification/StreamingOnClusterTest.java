package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.socialfeed.testing.OnRedisCluster;

/** Live notifications and the replay on reconnect with the service on a real Redis Cluster (pub/sub across nodes). */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class StreamingOnClusterTest extends StreamingTest {
}
