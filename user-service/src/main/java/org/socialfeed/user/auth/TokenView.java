package org.socialfeed.user.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Mastodon's (and OAuth 2's) Token entity. */
public record TokenView(@JsonProperty("access_token") String accessToken,
                        @JsonProperty("token_type") String tokenType,
                        String scope,
                        @JsonProperty("created_at") long createdAt,
                        @JsonProperty("expires_in") long expiresIn) {
}
