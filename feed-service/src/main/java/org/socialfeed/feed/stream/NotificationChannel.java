package org.socialfeed.feed.stream;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.socialfeed.events.LiveNotification;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.redis.LettuceClient;
import org.socialfeed.redis.RedisConfig;

/**
 * Notifications as they happen, for Mastodon's {@code user} and {@code user:notification} streams: notification-service
 * publishes each new one, already rendered, on the {@link LiveNotification#CHANNEL} pub/sub channel of its Redis, and
 * every feed-service instance hands it to its own streams of the recipient (ADR 14). That Redis may be another server
 * than feed-service's own, so this is a connection of its own ({@code social.feed.stream.notifications-redis-uri}).
 * Lettuce reconnects and subscribes again after a Redis outage; what was published meanwhile is not streamed.
 */
@ApplicationScoped
public class NotificationChannel {

    private final UserStreams streams;
    private final LettuceClient client;

    public NotificationChannel(UserStreams streams, FeedConfig config, RedisConfig redisConfig) {
        this.streams = streams;
        this.client = LettuceClient.create(config.stream().notificationsRedisUri(), redisConfig.timeout());
    }

    void subscribe(@Observes StartupEvent event) {
        StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                LiveNotification notification = LiveNotification.decode(message);
                if (notification != null) {
                    streams.deliverNotification(notification.recipientId(), notification.json());
                }
            }
        });
        subscription.sync().subscribe(LiveNotification.CHANNEL);
    }

    void close(@Observes ShutdownEvent event) {
        client.shutdown();
    }
}
