package org.socialfeed.post.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.time.Instant;
import java.util.List;

/** Mastodon's StatusEdit entity: one version of a post in its edit history. */
public record StatusEditView(String content,
                             @JsonProperty("spoiler_text") String spoilerText,
                             boolean sensitive,
                             @JsonProperty("created_at") Instant createdAt,
                             AccountView account,
                             @JsonProperty("media_attachments") List<StatusView.MediaAttachmentView> mediaAttachments,
                             List<Object> emojis) {
}
