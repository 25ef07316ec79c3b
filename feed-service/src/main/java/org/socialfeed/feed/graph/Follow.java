package org.socialfeed.feed.graph;

/** One follow as the replica records it. */
public record Follow(String followerId, String followeeId, boolean showReblogs) {
}
