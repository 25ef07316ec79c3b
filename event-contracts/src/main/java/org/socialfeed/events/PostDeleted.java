package org.socialfeed.events;

import java.time.Instant;

/** A post was deleted: it must leave every timeline. Topic {@link Topics#POSTS}, key = author id. */
public record PostDeleted(String postId, String authorId, Instant deletedAt) {
    public static final String TYPE = "social.post.deleted.v1";
}
