package org.socialfeed.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile that runs a {@code @QuarkusTest} application on the test JVM's real Redis Cluster
 * ({@link SharedInfrastructure#redisCluster()}, started on first use) instead of its single redis-server:
 * {@link InfrastructureResource} gives it the cluster's URI. A test class that extends a single-node one and names
 * this profile runs the same tests on the cluster; a profile with settings of its own extends this one.
 * <p>
 * The URI is not a config override of the profile: Quarkus may create the profile in another class loader than the
 * application's tests, and so with another {@link SharedInfrastructure}, whose cluster the tests would not see.
 */
public class OnRedisCluster implements QuarkusTestProfile {
}
