package org.socialfeed.notification.webhook;

import org.socialfeed.notification.inbox.NotificationType;

import java.time.Instant;
import java.util.Set;

/**
 * A registered webhook receiver. {@code types} empty means every type. The secret stays in the store: it is shown
 * to the owner once, on registration.
 */
public record WebhookEndpoint(long id, String ownerId, String url, String secret, Set<NotificationType> types,
                              boolean enabled, String disabledReason, int consecutiveFailures, Instant createdAt) {

    public boolean wants(NotificationType type) {
        return types.isEmpty() || types.contains(type);
    }
}
