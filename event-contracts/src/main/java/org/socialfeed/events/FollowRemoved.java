package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code followerId} no longer follows (or no longer asks to follow) {@code followeeId}: an unfollow, a rejected
 * request, or a block. Topic {@link Topics#FOLLOWS}, same key as the follow.
 */
public record FollowRemoved(String followerId, String followeeId, Instant removedAt) {
    public static final String TYPE = "social.follow.removed.v1";

    public static String key(String followerId, String followeeId) {
        return followerId + ":" + followeeId;
    }
}
