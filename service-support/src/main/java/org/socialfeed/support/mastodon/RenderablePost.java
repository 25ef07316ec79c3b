package org.socialfeed.support.mastodon;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.Visibility;

import java.time.Instant;
import java.util.List;

/**
 * A post as every service keeps it, what {@link StatusRendering} renders a Status from: post-service maps its stored
 * post into it, feed- and notification-service their cached copies of the post events. A repost is rendered from its
 * own record (author = the reposter) around the original's Status.
 *
 * @param author      the author as the service knows them now (or as the post's events described them)
 * @param content     the text as Mastodon's HTML; null or "" for a repost
 * @param spoilerText the content warning, null or "" for none
 * @param mentions    mentioned accounts (only id and username are used), null for none
 * @param hashtags    tag names without '#', null for none
 */
public record RenderablePost(String id, AccountRef author, String content, Visibility visibility,
                             boolean sensitive, String spoilerText, String language,
                             List<MediaRef> media, List<AccountRef> mentions, List<String> hashtags,
                             Instant createdAt, Instant editedAt, String inReplyToId, String inReplyToAccountId) {

    /** What readers have done with a post, and what the reader did. */
    public record Interactions(long replies, long reblogs, long favourites, Boolean favourited, Boolean reblogged) {

        /** For an anonymous reader: counts only, no flags of the reader's own. */
        public static Interactions counts(long replies, long reblogs, long favourites) {
            return new Interactions(replies, reblogs, favourites, null, null);
        }
    }
}
