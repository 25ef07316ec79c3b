package org.socialfeed.notification.inbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Duration;
import java.time.Instant;

/**
 * Mastodon 4.3's grouping: likes of one post, reposts of one post, and follows share a group key while they keep
 * arriving within the group window of the group's first hour bucket. Other types are never grouped.
 * Key shapes follow Mastodon: {@code favourite-<statusId>-<bucket>}, {@code follow-<bucket>},
 * {@code ungrouped-<notificationId>}.
 * <p>
 * Each recipient's open group of each kind is one document keyed by recipient and kind
 * ({@code notification_groups}, {@code _id} {@code <recipientId>:<prefix>}, holding its first bucket), so placing a
 * notification costs a lookup by key and at most one keyed write, however many notifications the recipient has.
 */
@ApplicationScoped
public class NotificationGrouping {

    private static final Duration BUCKET = Duration.ofHours(1);
    /** An id is taken a moment before the time that places its notification in a bucket. */
    private static final Duration ID_CLOCK_MARGIN = Duration.ofMinutes(1);

    private final MongoCollection<Document> openGroups;
    private final Duration bucket;
    private final long windowBuckets;

    public NotificationGrouping(MongoDatabase database, NotificationConfig config) {
        this.openGroups = database.getCollection("notification_groups");
        Duration window = config.notifications().groupWindow();
        this.bucket = window.compareTo(BUCKET) < 0 ? window : BUCKET;
        this.windowBuckets = Math.max(1, window.toMillis() / bucket.toMillis());
    }

    /** The lowest id a member of this group (of a groupable type) can have: a group starts with its first bucket. */
    public long lowestMemberId(String groupKey) {
        long firstBucket = Long.parseLong(groupKey.substring(groupKey.lastIndexOf('-') + 1));
        return SnowflakeIds.floorAt(Instant.ofEpochMilli(firstBucket * bucket.toMillis()).minus(ID_CLOCK_MARGIN));
    }

    /** The group key of a new notification: the open group of its kind, or a new one from this hour on. */
    public String groupKey(String recipientId, NotificationType type, String statusId, long notificationId,
                           Instant at) {
        if (!type.groupable()) {
            return "ungrouped-" + notificationId;
        }
        String prefix = type == NotificationType.FOLLOW ? type.apiName() : type.apiName() + "-" + statusId;
        long current = at.toEpochMilli() / bucket.toMillis();
        String key = recipientId + ":" + prefix;
        Document open = openGroups.find(Filters.eq("_id", key)).first();
        if (open != null && current < open.getLong("bucket") + windowBuckets) {
            return prefix + "-" + open.getLong("bucket");
        }
        openGroups.replaceOne(Filters.eq("_id", key), new Document("_id", key).append("bucket", current),
                new ReplaceOptions().upsert(true));
        return prefix + "-" + current;
    }
}
