package org.socialfeed.user.graph;

/**
 * One (follower, followee) pair as stored. {@code seq} is the id of the current follow (or request), assigned when
 * it began: the cursor of follower and following lists.
 */
public record Follow(long followerId, long followeeId, String state, long seq, boolean notifying, boolean reblogs) {

    public boolean accepted() {
        return FollowRepository.ACCEPTED.equals(state);
    }

    public boolean requested() {
        return FollowRepository.REQUESTED.equals(state);
    }
}
