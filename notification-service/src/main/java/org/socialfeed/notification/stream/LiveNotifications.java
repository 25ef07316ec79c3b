package org.socialfeed.notification.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.socialfeed.events.LiveNotification;
import org.socialfeed.notification.inbox.Notification;
import org.socialfeed.notification.inbox.NotificationView;
import org.socialfeed.notification.inbox.NotificationsStored;
import org.socialfeed.notification.inbox.NotificationViews;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries new notifications to the SSE connections of every instance: the instance whose Kafka consumer stored a
 * notification publishes it on one Redis channel ({@link LiveNotification}); each instance hands it to its own
 * connections of that user. feed-service reads the same channel for Mastodon's user stream (ADR 14).
 * A notification is published once: a marker key set in the same script says it was, so an event applied again after
 * a crash (the notification found stored) publishes what the crash cut short, and nothing twice.
 * If Redis is unreachable, this instance's connections still get it; the others' clients catch up on their next
 * reconnect (Last-Event-ID).
 */
@ApplicationScoped
public class LiveNotifications {

    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);
    /** Publishes ARGV[2] on channel ARGV[1] unless KEYS[1], the notification's marker, says it was published. */
    private static final String PUBLISH_ONCE = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[3]) then
              redis.call('PUBLISH', ARGV[1], ARGV[2])
            end
            return 0
            """;
    /** How long a marker is kept: longer than a crashed consumer's records take to be applied again. */
    private static final Duration MARKER_KEPT = Duration.ofMinutes(30);

    private final RedisConnection redis;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final LiveStreams streams;
    private final NotificationViews views;
    private final ObjectMapper json;

    public LiveNotifications(RedisConnection redis,
                             StatefulRedisPubSubConnection<String, String> subscription, LiveStreams streams,
                             NotificationViews views, ObjectMapper json) {
        this.redis = redis;
        this.subscription = subscription;
        this.streams = streams;
        this.views = views;
        this.json = json;
    }

    void subscribe(@Observes StartupEvent event) {
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliverLocally(message);
            }
        });
        subscription.sync().subscribe(LiveNotification.CHANNEL);
    }

    static String publishedKey(Notification notification) {
        return "notif:{" + notification.recipientId() + "}:published:" + notification.idString();
    }

    /** Publishes a batch's notifications, rendered together and published in one pipeline. */
    void onStored(@Observes NotificationsStored stored) {
        List<Notification> notifications = stored.stored().stream().map(NotificationsStored.Stored::notification)
                .toList();
        List<NotificationView> rendered = views.render(notifications);
        List<CompletableFuture<?>> published = new ArrayList<>();
        for (int i = 0; i < notifications.size(); i++) {
            published.add(publish(notifications.get(i), rendered.get(i)));
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<?> publish(Notification notification, NotificationView view) {
        String message;
        try {
            message = new LiveNotification(notification.recipientId(), notification.id(),
                    json.writeValueAsString(view)).encode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Notification " + notification.id() + " cannot be written as JSON", e);
        }
        return redis.async().eval(PUBLISH_ONCE, ScriptOutputType.INTEGER, new String[]{publishedKey(notification)},
                LiveNotification.CHANNEL, message, Long.toString(MARKER_KEPT.toMillis())).toCompletableFuture()
                .exceptionally(e -> {
                    LOG.warnf("Redis publish failed, streaming notification %d to this instance's clients only: %s",
                            notification.id(), e.getMessage());
                    deliverLocally(message);
                    return null;
                });
    }

    private void deliverLocally(String message) {
        LiveNotification notification = LiveNotification.decode(message);
        if (notification != null) {
            streams.push(notification.recipientId(), notification.notificationId(), notification.json());
        }
    }
}
