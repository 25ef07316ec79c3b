package org.socialfeed.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A test profile that runs a {@code @QuarkusTest} application on the test JVM's real Redis Cluster
 * ({@link SharedInfrastructure#redisCluster()}, started on first use) instead of its single redis-server. A test
 * class that extends a single-node one and names this profile runs the same tests on the cluster; a profile with
 * settings of its own extends this one.
 */
public class OnRedisCluster implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("social.redis.uri", SharedInfrastructure.get().redisClusterUri());
    }
}
