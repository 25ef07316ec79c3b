package org.socialfeed.notification.inbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.notification.config.NotificationConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mastodon 4.3's grouping: likes of one post, reposts of one post, and follows share a group key while they keep
 * arriving within the group window of the group's first hour bucket. Other types are never grouped.
 * Key shapes follow Mastodon: {@code favourite-<statusId>-<bucket>}, {@code follow-<bucket>},
 * {@code ungrouped-<notificationId>}.
 * <p>
 * Each recipient's open group of each kind is one document keyed by recipient and kind
 * ({@code notification_groups}, {@code _id} {@code <recipientId>:<prefix>}, holding its first bucket), so placing a
 * notification costs a lookup by key and at most one keyed write, however many notifications the recipient has;
 * a batch of notifications shares one lookup and one bulk write.
 */
@ApplicationScoped
public class NotificationGrouping {

    private static final Duration BUCKET = Duration.ofHours(1);
    private static final String UNGROUPED = "ungrouped-";

    private final MongoCollection<Document> openGroups;
    private final Duration bucket;
    private final long windowBuckets;

    public NotificationGrouping(MongoDatabase database, NotificationConfig config) {
        this.openGroups = database.getCollection("notification_groups");
        Duration window = config.notifications().groupWindow();
        this.bucket = window.compareTo(BUCKET) < 0 ? window : BUCKET;
        this.windowBuckets = Math.max(1, window.toMillis() / bucket.toMillis());
    }

    /** Whether the key names a group of likes, reposts or follows, rather than one ungrouped notification. */
    public static boolean grouped(String groupKey) {
        return !groupKey.startsWith(UNGROUPED);
    }

    /**
     * Places the notifications of the drafts, in one read of their recipients' open groups; {@link Placement#save}
     * writes the groups they opened in one bulk write.
     */
    public Placement placement(Collection<NotificationDraft> drafts) {
        Set<String> keys = new HashSet<>();
        drafts.stream().filter(draft -> draft.type().groupable())
                .forEach(draft -> keys.add(openGroupId(draft.recipientId(), prefix(draft.type(), draft.statusId()))));
        Map<String, Long> firstBuckets = new HashMap<>();
        if (!keys.isEmpty()) {
            openGroups.find(Filters.in("_id", keys))
                    .forEach(open -> firstBuckets.put(open.getString("_id"), open.getLong("bucket")));
        }
        return new Placement(firstBuckets);
    }

    private static String prefix(NotificationType type, String statusId) {
        return type == NotificationType.FOLLOW ? type.apiName() : type.apiName() + "-" + statusId;
    }

    private static String openGroupId(String recipientId, String prefix) {
        return recipientId + ":" + prefix;
    }

    /** The open groups of a batch's recipients, as the batch's notifications join and open them. */
    public final class Placement {
        private final Map<String, Long> firstBuckets;
        private final Map<String, Long> opened = new LinkedHashMap<>();

        private Placement(Map<String, Long> firstBuckets) {
            this.firstBuckets = firstBuckets;
        }

        /** The group key of a new notification: the open group of its kind, or a new one from this hour on. */
        public String groupKey(String recipientId, NotificationType type, String statusId, long notificationId,
                               Instant at) {
            if (!type.groupable()) {
                return UNGROUPED + notificationId;
            }
            String prefix = prefix(type, statusId);
            long current = at.toEpochMilli() / bucket.toMillis();
            String key = openGroupId(recipientId, prefix);
            Long open = firstBuckets.get(key);
            if (open != null && current < open + windowBuckets) {
                return prefix + "-" + open;
            }
            firstBuckets.put(key, current);
            opened.put(key, current);
            return prefix + "-" + current;
        }

        /** Whether the notification placed in this group opened it: the group's first member. */
        public boolean opened(String recipientId, String groupKey) {
            int bucketAt = groupKey.lastIndexOf('-');
            Long opening = opened.get(openGroupId(recipientId, groupKey.substring(0, bucketAt)));
            return opening != null && opening == Long.parseLong(groupKey.substring(bucketAt + 1));
        }

        /** Writes the groups opened, before the notifications that joined them are stored. */
        public void save() {
            if (opened.isEmpty()) {
                return;
            }
            openGroups.bulkWrite(opened.entrySet().stream().map(group -> new ReplaceOneModel<>(
                    Filters.eq("_id", group.getKey()), new Document("_id", group.getKey())
                    .append("bucket", group.getValue()), new ReplaceOptions().upsert(true))).toList(),
                    new BulkWriteOptions().ordered(false));
            opened.clear();
        }
    }
}
