package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.events.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Mastodon's Status entity. A repost is a status whose {@code reblog} is the original. {@code favourited} and
 * {@code reblogged} describe the caller's own interactions and are left out for anonymous readers.
 * {@code quote} carries the quoted status (Mastodon 4.4 shows quotes the same way). {@code text}, the source, is
 * present only in the answer to a delete, as in Mastodon. Rendered by {@link StatusRendering}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusView(String id, String uri, String url,
                         @JsonProperty("created_at") Instant createdAt,
                         @JsonProperty("edited_at") Instant editedAt,
                         AccountView account,
                         String content, String text,
                         String visibility, boolean sensitive,
                         @JsonProperty("spoiler_text") String spoilerText,
                         @JsonProperty("media_attachments") List<MediaAttachmentView> mediaAttachments,
                         List<MentionView> mentions, List<TagView> tags, List<Object> emojis,
                         @JsonProperty("reblogs_count") long reblogsCount,
                         @JsonProperty("favourites_count") long favouritesCount,
                         @JsonProperty("replies_count") long repliesCount,
                         @JsonProperty("in_reply_to_id") @JsonInclude(JsonInclude.Include.ALWAYS) String inReplyToId,
                         @JsonProperty("in_reply_to_account_id") @JsonInclude(JsonInclude.Include.ALWAYS)
                         String inReplyToAccountId,
                         @JsonInclude(JsonInclude.Include.ALWAYS) StatusView reblog,
                         StatusView quote,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String language,
                         Boolean favourited, Boolean reblogged) {

    /** This status with its source text, as Mastodon answers a delete (for "delete and redraft"). */
    public StatusView withText(String sourceText) {
        return new StatusView(id, uri, url, createdAt, editedAt, account, content, sourceText, visibility, sensitive,
                spoilerText, mediaAttachments, mentions, tags, emojis, reblogsCount, favouritesCount, repliesCount,
                inReplyToId, inReplyToAccountId, reblog, quote, language, favourited, reblogged);
    }

    /** Mastodon's name of a visibility; a post cached before visibilities were recorded was public. */
    public static String visibility(Visibility visibility) {
        return visibility == null ? "public" : visibility.name().toLowerCase(Locale.ROOT);
    }

    /** A media attachment: Mastodon's MediaAttachment with the fields a URL-only attachment has. */
    public record MediaAttachmentView(String id, String type, String url,
                                      @JsonProperty("preview_url") String previewUrl,
                                      @JsonInclude(JsonInclude.Include.ALWAYS) String description) {
    }

    /** Mastodon's Status mention. */
    public record MentionView(String id, String username, String acct, String url) {
    }

    /** Mastodon's Status tag. */
    public record TagView(String name, String url) {
    }
}
