package org.socialfeed.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the shared real infrastructure and the test JWT keys.
 * The stores outlive the application: tests give their data unique names instead of wiping it. Under a test profile
 * that extends {@link OnRedisCluster}, the application's Redis is the JVM's Redis Cluster instead of its one node.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://socialfeed.test";

    private boolean onRedisCluster;

    @Override
    public void setContext(Context context) {
        onRedisCluster = extendsOnRedisCluster(context.testProfile());
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrap(),
                "quarkus.mongodb.connection-string", infrastructure.mongoUri(),
                "social.redis.uri", onRedisCluster ? infrastructure.redisClusterUri() : infrastructure.redisUri(),
                "mp.jwt.verify.publickey.location", infrastructure.keys().publicKey().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "smallrye.jwt.sign.key.location", infrastructure.keys().privateKey().toUri().toString(),
                "smallrye.jwt.new-token.issuer", ISSUER);
    }

    /** By name, as the profile and this class may come from different class loaders. */
    private static boolean extendsOnRedisCluster(String profile) {
        if (profile == null || profile.isBlank()) {
            return false;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (Class<?> type = Class.forName(profile, false, loader != null ? loader
                    : InfrastructureResource.class.getClassLoader()); type != null; type = type.getSuperclass()) {
                if (type.getName().equals(OnRedisCluster.class.getName())) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Test profile " + profile + " not found", e);
        }
    }

    @Override
    public void stop() {
        // the infrastructure is shared by every test class of the run; it stops with the JVM
    }
}
