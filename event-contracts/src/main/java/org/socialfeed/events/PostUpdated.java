package org.socialfeed.events;

import java.time.Instant;
import java.util.List;

/**
 * A post was edited; {@code content} is the new text rendered as HTML, the history stays in post-service.
 * Topic {@link Topics#POSTS}, key = author id. {@code spoilerText}, {@code sensitive} and {@code language} are the
 * post's after the edit, as in {@link PostCreated} (and read the same way from older records without them).
 */
public record PostUpdated(String postId, AccountRef author, String text, String content, Visibility visibility,
                          List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                          Instant createdAt, Instant editedAt, String spoilerText, boolean sensitive,
                          String language) {
    public static final String TYPE = "social.post.updated.v1";

    public PostUpdated {
        spoilerText = spoilerText == null ? "" : spoilerText;
    }
}
