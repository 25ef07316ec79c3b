package org.socialfeed.post.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;

import java.util.List;

/** Body of {@code POST /api/v1/statuses}, with Mastodon's field names (media by URL instead of media_ids). */
public record CreateStatusRequest(
        String status,
        String visibility,
        @JsonProperty("in_reply_to_id") String inReplyToId,
        @JsonProperty("quote_id") String quoteId,
        @JsonProperty("media_attachments") List<@Valid MediaAttachmentRequest> mediaAttachments,
        @JsonProperty("spoiler_text") String spoilerText,
        Boolean sensitive,
        @LanguageCode String language) {
}
