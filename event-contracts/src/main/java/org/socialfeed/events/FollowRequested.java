package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code follower} asked to follow the locked account {@code followeeId}; approval sends {@link FollowCreated},
 * rejection {@link FollowRemoved}. Topic {@link Topics#FOLLOWS}, key = followerId:followeeId.
 */
public record FollowRequested(AccountRef follower, String followeeId, Instant requestedAt) {
    public static final String TYPE = "social.follow.requested.v1";
}
