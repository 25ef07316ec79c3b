package org.socialfeed.events;

import java.time.Instant;

/** An account's public profile changed (display name, locked). Topic {@link Topics#USERS}, key = user id. */
public record UserUpdated(AccountRef account, boolean locked, Instant updatedAt) {
    public static final String TYPE = "social.user.updated.v1";
}
