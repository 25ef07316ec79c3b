package org.socialfeed.events;

import java.time.Instant;

/** A new account exists. Topic {@link Topics#USERS}, key = user id. */
public record UserRegistered(AccountRef account, boolean locked, Instant createdAt) {
    public static final String TYPE = "social.user.registered.v1";
}
