package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code follower} follows {@code followeeId} (also sent again when the follow's options change, so the latest record
 * of a key is the follow's current state). Topic {@link Topics#FOLLOWS}, key = followerId:followeeId.
 *
 * @param notifyOfPosts the follower asked to be notified of the followee's new posts
 * @param showReblogs   the follower wants the followee's reposts in their home timeline
 */
public record FollowCreated(AccountRef follower, String followeeId, boolean notifyOfPosts, boolean showReblogs,
                            Instant createdAt) {
    public static final String TYPE = "social.follow.created.v1";
}
