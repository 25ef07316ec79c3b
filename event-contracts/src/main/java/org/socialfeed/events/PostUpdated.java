package org.socialfeed.events;

import java.time.Instant;
import java.util.List;

/** A post was edited (its history is kept by post-service). Topic {@link Topics#POSTS}, key = author id. */
public record PostUpdated(String postId, AccountRef author, String text, Visibility visibility,
                          List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                          Instant createdAt, Instant editedAt) {
    public static final String TYPE = "social.post.updated.v1";
}
