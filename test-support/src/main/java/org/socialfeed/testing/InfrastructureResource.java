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
        onRedisCluster = context.testProfile() != null && OnRedisCluster.class.isAssignableFrom(profile(context));
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

    private static Class<?> profile(Context context) {
        try {
            return Class.forName(context.testProfile(), false, InfrastructureResource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Test profile " + context.testProfile() + " not found", e);
        }
    }

    @Override
    public void stop() {
        // the infrastructure is shared by every test class of the run; it stops with the JVM
    }
}
