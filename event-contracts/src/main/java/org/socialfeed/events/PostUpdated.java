package org.socialfeed.events;

import java.time.Instant;
import java.util.List;

/**
 * A post was edited; {@code content} is the new text rendered as HTML, the history stays in post-service.
 * Topic {@link Topics#POSTS}, key = author id.
 */
public record PostUpdated(String postId, AccountRef author, String text, String content, Visibility visibility,
                          List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                          Instant createdAt, Instant editedAt) {
    public static final String TYPE = "social.post.updated.v1";
}
