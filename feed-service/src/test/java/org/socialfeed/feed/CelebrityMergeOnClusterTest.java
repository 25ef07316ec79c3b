package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.socialfeed.testing.OnRedisCluster;

import java.util.HashMap;
import java.util.Map;

/** {@link CelebrityMergeTest} on a Redis Cluster: followed celebrities are kept per reader, in the reader's slot. */
@QuarkusTest
@TestProfile(CelebrityMergeOnClusterTest.LowThresholdOnCluster.class)
class CelebrityMergeOnClusterTest extends CelebrityMergeTest {

    public static class LowThresholdOnCluster extends OnRedisCluster {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.putAll(new LowThreshold().getConfigOverrides());
            return overrides;
        }
    }
}
