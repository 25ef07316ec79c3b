package org.socialfeed.notification.replica;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.mastodon.RenderablePost;

import java.time.Instant;
import java.util.List;

/**
 * A post as this service keeps it, to embed as a Status in notifications about it.
 *
 * @param spoilerText the content warning; null in posts cached before warnings were kept
 */
public record CachedPost(String postId, AccountRef author, String text, String content, Visibility visibility,
                         String inReplyToId, String inReplyToAccountId, String quotedPostId,
                         List<AccountRef> mentions, List<String> hashtags, List<MediaRef> media,
                         Instant createdAt, Instant editedAt, String spoilerText, boolean sensitive,
                         String language) {

    public static CachedPost of(PostCreated post) {
        return new CachedPost(post.postId(), post.author(), post.text(), post.content(), post.visibility(),
                post.inReplyToId(), post.inReplyToAccountId(), post.quotedPostId(), listOrEmpty(post.mentions()),
                listOrEmpty(post.hashtags()), listOrEmpty(post.media()), post.createdAt(), null, post.spoilerText(),
                post.sensitive(), post.language());
    }

    /** A post first seen edited (created before this service kept a cache): what an edit does not carry is unknown. */
    public static CachedPost of(PostUpdated edit) {
        return new CachedPost(edit.postId(), edit.author(), edit.text(), edit.content(), edit.visibility(), null, null,
                null, listOrEmpty(edit.mentions()), listOrEmpty(edit.hashtags()), listOrEmpty(edit.media()),
                edit.createdAt(), edit.editedAt(), edit.spoilerText(), edit.sensitive(), edit.language());
    }

    /** This post after the edit; what an edit cannot change (reply target, quote) stays. */
    public CachedPost edited(PostUpdated edit) {
        return new CachedPost(postId, edit.author(), edit.text(), edit.content(), edit.visibility(), inReplyToId,
                inReplyToAccountId, quotedPostId, listOrEmpty(edit.mentions()), listOrEmpty(edit.hashtags()),
                listOrEmpty(edit.media()), createdAt, edit.editedAt(), edit.spoilerText(), edit.sensitive(),
                edit.language());
    }

    /** What the shared Status rendering reads, with the author as this service knows them now. */
    public RenderablePost renderable(AccountRef currentAuthor) {
        return new RenderablePost(postId, currentAuthor, content, visibility, sensitive, spoilerText, language, media,
                mentions, hashtags, createdAt, editedAt, inReplyToId, inReplyToAccountId);
    }

    public boolean mentions(String accountId) {
        return mentions.stream().anyMatch(mention -> mention.id().equals(accountId));
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
