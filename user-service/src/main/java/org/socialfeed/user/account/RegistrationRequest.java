package org.socialfeed.user.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/accounts}, with Mastodon's field names. */
public record RegistrationRequest(
        @NotBlank(message = "is required")
        @Size(max = 30, message = "must be at most 30 characters")
        @Pattern(regexp = "[A-Za-z0-9_]*", message = "may contain only letters, digits and underscores")
        String username,
        @NotBlank(message = "is required") @Email(message = "must be an email address")
        @Size(max = 254, message = "must be at most 254 characters")
        String email,
        @NotBlank(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,
        @Size(max = 30, message = "must be at most 30 characters") String displayName) {
}
