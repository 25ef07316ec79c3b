package org.socialfeed.post.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Mastodon's StatusSource entity: a post's plain text and content warning, for editing it. */
public record StatusSourceView(String id, String text, @JsonProperty("spoiler_text") String spoilerText) {
}
