package org.socialfeed.feed.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.mastodon.RenderablePost;

import java.time.Instant;
import java.util.List;

/**
 * A post or a repost as the post cache keeps it: everything a timeline renders, from the events alone. A repost has
 * its own id and {@code reblogOfId} names the original; its text lives with the original.
 *
 * @param fannedOut   whether it was copied into followers' timelines (false for celebrity posts, merged at read time)
 * @param spoilerText the content warning; null for a repost, and for posts cached before warnings were kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CachedPost(String id, AccountRef author, String text, String content, Visibility visibility,
                         String inReplyToId, String inReplyToAccountId, String quotedPostId,
                         List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                         Instant createdAt, Instant editedAt, String reblogOfId, String reblogOfAuthorId,
                         boolean fannedOut, String spoilerText, boolean sensitive, String language) {

    public static CachedPost of(PostCreated event, boolean fannedOut) {
        return new CachedPost(event.postId(), event.author(), event.text(), event.content(), event.visibility(),
                event.inReplyToId(), event.inReplyToAccountId(), event.quotedPostId(), event.mentions(),
                event.hashtags(), event.media(), event.createdAt(), null, null, null, fannedOut, event.spoilerText(),
                event.sensitive(), event.language());
    }

    public static CachedPost of(PostReposted event, boolean fannedOut) {
        return new CachedPost(event.repostId(), event.actor(), null, null, event.postVisibility(), null, null, null,
                null, null, null, event.at(), null, event.postId(), event.postAuthorId(), fannedOut, null, false, null);
    }

    /** This post with an edit applied; reply and quote links do not change on edit. */
    public CachedPost edited(PostUpdated event) {
        return new CachedPost(id, event.author(), event.text(), event.content(), event.visibility(), inReplyToId,
                inReplyToAccountId, quotedPostId, event.mentions(), event.hashtags(), event.media(),
                createdAt, event.editedAt(), null, null, fannedOut, event.spoilerText(), event.sensitive(),
                event.language());
    }

    /** What the shared Status rendering reads (for a post; a repost is rendered around its original). */
    @JsonIgnore
    public RenderablePost renderable() {
        return new RenderablePost(id, author, content, visibility, sensitive, spoilerText, language, media, mentions,
                hashtags, createdAt, editedAt, inReplyToId, inReplyToAccountId);
    }

    @JsonIgnore
    public boolean isRepost() {
        return reblogOfId != null;
    }

    @JsonIgnore
    public String authorId() {
        return author.id();
    }

    /**
     * Mastodon leaves a reply out of home timelines unless the reader follows the account replied to; a reply to
     * oneself (a thread) counts as a post.
     */
    @JsonIgnore
    public boolean isReplyToOther() {
        return inReplyToAccountId != null && !inReplyToAccountId.equals(author.id());
    }

    /** Whether the post involves {@code accountId}, as its author or as the author of what it reposts. */
    public boolean involves(String accountId) {
        return author.id().equals(accountId) || accountId.equals(reblogOfAuthorId);
    }

    @JsonIgnore
    public long numericId() {
        return Long.parseLong(id);
    }
}
