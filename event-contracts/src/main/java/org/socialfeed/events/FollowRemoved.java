package org.socialfeed.events;

import java.time.Instant;

/** {@code followerId} no longer follows {@code followeeId}. Topic {@link Topics#FOLLOWS}, same key as the follow. */
public record FollowRemoved(String followerId, String followeeId, Instant removedAt) {
    public static final String TYPE = "social.follow.removed.v1";
}
