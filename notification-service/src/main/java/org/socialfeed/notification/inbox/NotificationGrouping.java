package org.socialfeed.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.notification.config.NotificationConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Mastodon 4.3's grouping: likes of one post, reposts of one post, and follows share a group key while they keep
 * arriving within the group window of the group's first hour bucket. Other types are never grouped.
 * Key shapes follow Mastodon: {@code favourite-<statusId>-<bucket>}, {@code follow-<bucket>},
 * {@code ungrouped-<notificationId>}.
 */
@ApplicationScoped
public class NotificationGrouping {

    private static final Duration BUCKET = Duration.ofHours(1);

    private final NotificationRepository notifications;
    private final Duration bucket;
    private final long windowBuckets;

    public NotificationGrouping(NotificationRepository notifications, NotificationConfig config) {
        this.notifications = notifications;
        Duration window = config.notifications().groupWindow();
        this.bucket = window.compareTo(BUCKET) < 0 ? window : BUCKET;
        this.windowBuckets = Math.max(1, window.toMillis() / bucket.toMillis());
    }

    /** Where a new notification belongs. */
    public Placement place(String recipientId, NotificationType type, String statusId, long notificationId,
                           Instant at) {
        if (!type.groupable()) {
            return new Placement("ungrouped-" + notificationId, null, null);
        }
        String prefix = type == NotificationType.FOLLOW ? type.apiName() : type.apiName() + "-" + statusId;
        long current = at.toEpochMilli() / bucket.toMillis();
        long chosen = notifications.latestGroupBucket(recipientId, prefix)
                .filter(previous -> current < previous + windowBuckets)
                .orElse(current);
        return new Placement(prefix + "-" + chosen, prefix, chosen);
    }

    /** A notification's group key, and for groupable ones the prefix and bucket the next one compares with. */
    public record Placement(String groupKey, String prefix, Long bucket) {
    }
}
