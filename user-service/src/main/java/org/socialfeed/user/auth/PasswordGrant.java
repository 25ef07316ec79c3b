package org.socialfeed.user.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The OAuth 2 resource-owner password grant. {@code username} may also be the account's email. */
public record PasswordGrant(
        @JsonProperty("grant_type") @NotBlank(message = "is required")
        @Pattern(regexp = "password", message = "must be 'password'") String grantType,
        @NotBlank(message = "is required") @Size(max = 254, message = "is too long") String username,
        @NotBlank(message = "is required") @Size(max = 128, message = "is too long") String password) {
}
