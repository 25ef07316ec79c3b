package org.socialfeed.post.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/statuses/:id}: the new text, content warning and sensitivity (absent: none, as in
 * Mastodon's edit), language (absent: unchanged) and, if given, the new media (absent: media unchanged).
 * Visibility and the post replied to cannot change, as in Mastodon.
 */
public record EditStatusRequest(
        String status,
        @JsonProperty("media_attachments") List<@Valid MediaAttachmentRequest> mediaAttachments,
        @JsonProperty("spoiler_text") String spoilerText,
        Boolean sensitive,
        @LanguageCode String language) {
}
