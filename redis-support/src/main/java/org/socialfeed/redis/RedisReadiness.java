package org.socialfeed.redis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Redis answers PING: feed-service reads and fans out through it; notification-service carries live
 * notifications between its instances over it.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final RedisConnection redis;

    public RedisReadiness(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String pong = redis.sync().ping();
            return HealthCheckResponse.named("redis").status("PONG".equals(pong)).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
