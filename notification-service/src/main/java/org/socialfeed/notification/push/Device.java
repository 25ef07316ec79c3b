package org.socialfeed.notification.push;

import java.time.Instant;

/** A device registered to receive push notifications through a push gateway. */
public record Device(long id, String userId, String platform, String token, Instant createdAt) {
}
