package org.socialfeed.user.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/admin/accounts/{id}/action}, as Mastodon's admin API; only "suspend" is supported. */
public record AdminAction(
        @NotBlank(message = "is required") @Size(max = 32, message = "is too long")
        @Pattern(regexp = "suspend", message = "must be 'suspend' (the only action supported)") String type,
        @Size(max = 1000, message = "must be at most 1000 characters") String text) {
}
