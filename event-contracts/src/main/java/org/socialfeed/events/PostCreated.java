package org.socialfeed.events;

import java.time.Instant;
import java.util.List;

/**
 * A post was published. Topic {@link Topics#POSTS}, key = author id. Carries everything a timeline needs to render
 * the post, so feed-service never calls post-service on the read path.
 *
 * @param text     the text as the author wrote it
 * @param content  the text rendered as Mastodon's HTML (escaped, mentions and hashtags linked)
 * @param mentions accounts mentioned with {@code @username}, already resolved
 * @param hashtags tag names without '#', lower-cased
 * @param spoilerText the content warning, "" for none (also when an older record has no such field)
 * @param sensitive   whether the media or text are marked sensitive (false when an older record has no such field)
 * @param language    the ISO 639-1 code of the text, or null if not given
 */
public record PostCreated(String postId, AccountRef author, String text, String content, Visibility visibility,
                          String inReplyToId, String inReplyToAccountId, String quotedPostId,
                          List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                          Instant createdAt, String spoilerText, boolean sensitive, String language) {
    public static final String TYPE = "social.post.created.v1";

    public PostCreated {
        spoilerText = spoilerText == null ? "" : spoilerText;
    }
}
