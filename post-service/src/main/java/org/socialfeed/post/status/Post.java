package org.socialfeed.post.status;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.Visibility;

import java.time.Instant;
import java.util.List;

/**
 * A status: an original post, a reply ({@code inReplyToId}), a quote ({@code quoteId}) or a repost
 * ({@code reblogOfId}, no text of its own). {@code author} is the author as known when the post was written;
 * views prefer the current profile from the account replica. Counters are kept with atomic increments.
 * {@code spoilerText} is the content warning ("" for none), {@code language} an ISO 639-1 code or null.
 */
public record Post(long id, AccountRef author, String text, String content, Visibility visibility,
                   Long inReplyToId, Long inReplyToAccountId, Long quoteId, Long reblogOfId,
                   List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                   String spoilerText, boolean sensitive, String language,
                   Instant createdAt, Instant editedAt, int version, boolean deleted,
                   long favouritesCount, long reblogsCount, long repliesCount) {

    public long authorId() {
        return Long.parseLong(author.id());
    }

    public String idString() {
        return Long.toString(id);
    }

    public boolean isRepost() {
        return reblogOfId != null;
    }

    /** One earlier version of an edited post. */
    public record Version(String text, String content, String spoilerText, boolean sensitive, List<MediaRef> media,
                          Instant at) {
    }

    /** This post as it reads now, as one version of its history. */
    public Version currentVersion() {
        return new Version(text, content, spoilerText, sensitive, media, editedAt == null ? createdAt : editedAt);
    }
}
