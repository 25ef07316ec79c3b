package org.socialfeed.notification.inbox;

import java.util.Set;

/**
 * Fired (CDI, synchronously) after a notification that is not filtered was stored, or found stored again on a
 * redelivered event: live streams and webhooks take it from here. {@code webhookIds}: the
 * recipient's webhook endpoints, as their settings list them.
 */
public record NotificationStored(Notification notification, Set<Long> webhookIds) {
}
