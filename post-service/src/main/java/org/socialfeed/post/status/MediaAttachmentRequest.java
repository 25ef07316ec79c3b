package org.socialfeed.post.status;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A media attachment given by URL with its alt text. Differs from Mastodon, which uploads media first and posts
 * {@code media_ids}: here the media already lives at a URL.
 */
public record MediaAttachmentRequest(
        @NotBlank(message = "is required") @Size(max = 2048, message = "must be at most 2048 characters") String url,
        @Size(max = 1500, message = "must be at most 1500 characters") String description) {
}
