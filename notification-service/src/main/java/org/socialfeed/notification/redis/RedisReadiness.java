package org.socialfeed.notification.redis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ready only if Redis answers PING: without it, live notifications stop reaching other instances' clients. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisConnections redis;

    public RedisReadiness(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String pong = redis.commands().async().ping().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("redis").status("PONG".equals(pong)).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
