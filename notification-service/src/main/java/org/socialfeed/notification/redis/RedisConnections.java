package org.socialfeed.notification.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.notification.config.NotificationConfig;

/**
 * The Lettuce client and the two connections this service needs: one for commands (publish, ping) and one
 * subscribed to the live notification channel. Connected lazily, on first use.
 */
@ApplicationScoped
public class RedisConnections {

    private final RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> pubSub;

    public RedisConnections(NotificationConfig config) {
        this.client = RedisClient.create(config.redis().uri());
    }

    public synchronized StatefulRedisConnection<String, String> commands() {
        if (commands == null) {
            commands = client.connect();
        }
        return commands;
    }

    public synchronized StatefulRedisPubSubConnection<String, String> pubSub() {
        if (pubSub == null) {
            pubSub = client.connectPubSub();
        }
        return pubSub;
    }

    @PreDestroy
    synchronized void close() {
        if (pubSub != null) {
            pubSub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown();
    }
}
