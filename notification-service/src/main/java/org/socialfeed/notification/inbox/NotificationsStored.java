package org.socialfeed.notification.inbox;

import java.util.List;
import java.util.Set;

/**
 * Fired (CDI, synchronously) after notifications that are not filtered were stored, a batch's at once, or found
 * stored again on a redelivered event: live streams and webhooks take them from here.
 */
public record NotificationsStored(List<Stored> stored) {

    /** {@code webhookIds}: the recipient's webhook endpoints, as their settings list them. */
    public record Stored(Notification notification, Set<Long> webhookIds) {
    }
}
