package org.socialfeed.post.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/statuses/:id}: the new text and, if given, the new media (absent: media unchanged).
 * Visibility and the post replied to cannot change, as in Mastodon.
 */
public record EditStatusRequest(
        String status,
        @JsonProperty("media_attachments") List<@Valid MediaAttachmentRequest> mediaAttachments) {
}
