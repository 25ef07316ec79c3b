package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.support.mastodon.StatusTemplate;

/**
 * One notification as the Redis read model keeps it, a member of the recipient's sorted set:
 * {@code id|type|accountId|statusId|groupKey|created_at as JSON}, what a read filters by and the parts of
 * {@link NotificationView} that never change.
 */
record RecentEntry(String id, String type, String actorId, String statusId, String groupKey, String createdAt) {

    private static final char SEPARATOR = '|';

    static RecentEntry of(Notification notification, ObjectMapper json) {
        try {
            return new RecentEntry(notification.idString(), notification.type().apiName(), notification.actor().id(),
                    notification.statusId(), notification.groupKey(), json.writeValueAsString(notification.createdAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Notification " + notification.id() + " has no JSON time", e);
        }
    }

    String encode() {
        return String.join(String.valueOf(SEPARATOR), id, type, actorId, statusId == null ? "" : statusId, groupKey,
                createdAt);
    }

    static RecentEntry decode(String member) {
        String[] parts = member.split("\\|", 6);
        return new RecentEntry(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3], parts[4],
                parts[5]);
    }

    long idValue() {
        return Long.parseLong(id);
    }

    /** As Jackson writes {@link NotificationView}: a status only if the post is cached. */
    void appendTo(StringBuilder json, String account, RenderedPosts.Fields status) {
        json.append("{\"id\":\"").append(id).append("\",\"type\":\"").append(type)
                .append("\",\"created_at\":").append(createdAt).append(",\"account\":").append(account);
        if (status != null && status.cached()) {
            json.append(",\"status\":");
            StatusTemplate.appendStatus(json, status.template(), status.interactions());
        }
        json.append(",\"group_key\":\"").append(groupKey).append("\"}");
    }
}
