package org.socialfeed.events;

import java.time.Instant;

/** {@code actor} liked ({@code liked} true) or unliked a post. Topic {@link Topics#INTERACTIONS}, key = postId. */
public record PostLiked(AccountRef actor, String postId, String postAuthorId, boolean liked, Instant at) {
    public static final String TYPE = "social.post.liked.v1";
}
