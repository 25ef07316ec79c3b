package org.socialfeed.user.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/v1/accounts/update_credentials}. Every field is optional: what is left out stays as it
 * is. JSON or Mastodon's form (see {@code FormBodyReader}). Differs from Mastodon: {@code avatar} is the URL of an
 * image hosted elsewhere (an empty string removes it) instead of an upload; {@code header}, {@code bot},
 * {@code discoverable} and profile fields ({@code fields_attributes}) are not modelled, so they are ignored.
 */
public record ProfileUpdate(
        @JsonProperty("display_name") @Size(max = 30, message = "must be at most 30 characters") String displayName,
        @Size(max = 500, message = "must be at most 500 characters") String note,
        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = "|https?://[^\\s/?#]+[^\\s]*", message = "must be an http(s) URL") String avatar,
        Boolean locked) {
}
