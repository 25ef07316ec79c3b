package org.socialfeed.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the shared real infrastructure and the test JWT keys.
 * The stores outlive the application: tests give their data unique names instead of wiping it.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://socialfeed.test";

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrap(),
                "quarkus.mongodb.connection-string", infrastructure.mongoUri(),
                "social.redis.uri", infrastructure.redisUri(),
                "mp.jwt.verify.publickey.location", infrastructure.keys().publicKey().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "smallrye.jwt.sign.key.location", infrastructure.keys().privateKey().toUri().toString(),
                "smallrye.jwt.new-token.issuer", ISSUER);
    }

    @Override
    public void stop() {
        // the infrastructure is shared by every test class of the run; it stops with the JVM
    }
}
