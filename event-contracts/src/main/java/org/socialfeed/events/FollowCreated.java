package org.socialfeed.events;

import java.time.Instant;

/** {@code follower} now follows {@code followeeId}. Topic {@link Topics#FOLLOWS}, key = followerId:followeeId. */
public record FollowCreated(AccountRef follower, String followeeId, Instant createdAt) {
    public static final String TYPE = "social.follow.created.v1";
}
