package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code actor} replied to a post with {@code replyId} (the reply itself is a {@link PostCreated}). Topic
 * {@link Topics#INTERACTIONS}, key = postId (the one replied to). Not published for a direct reply: only the accounts
 * it mentions may know of it, and they hear of it as a mention.
 */
public record PostReplied(String replyId, AccountRef actor, String postId, String postAuthorId, Instant at) {
    public static final String TYPE = "social.post.replied.v1";
}
