package org.socialfeed.events;

import java.time.Instant;

/**
 * An admin suspended ({@code suspended} true) or reinstated an account. A suspended account's posts leave every
 * timeline and it can neither log in nor interact. Topic {@link Topics#USERS}, key = user id.
 */
public record UserSuspended(String userId, boolean suspended, Instant changedAt) {
    public static final String TYPE = "social.user.suspended.v1";
}
