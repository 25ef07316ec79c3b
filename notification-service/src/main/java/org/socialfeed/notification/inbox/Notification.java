package org.socialfeed.notification.inbox;

import org.socialfeed.events.AccountRef;

import java.time.Instant;

/**
 * One stored notification. {@code filtered}: kept aside by the recipient's policy (listed only on request, never
 * pushed).
 */
public record Notification(long id, String recipientId, NotificationType type, AccountRef actor, String statusId,
                           String groupKey, Instant createdAt, boolean filtered) {

    public String idString() {
        return Long.toString(id);
    }

    public Notification withType(NotificationType changed) {
        return new Notification(id, recipientId, changed, actor, statusId, groupKey, createdAt, filtered);
    }
}
