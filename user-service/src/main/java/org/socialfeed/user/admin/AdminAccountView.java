package org.socialfeed.user.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.user.account.Account;

import java.time.Instant;

/** Mastodon's Admin::Account entity, the part this service knows. */
public record AdminAccountView(String id, String username, String email,
                               @JsonProperty("created_at") Instant createdAt,
                               boolean suspended, boolean disabled, boolean approved, boolean confirmed,
                               Role role, AccountView account) {

    public record Role(String name) {
    }

    static AdminAccountView of(Account account, AccountView view) {
        return new AdminAccountView(account.idString(), account.username(), account.email(), account.createdAt(),
                account.suspended(), false, true, true,
                new Role(account.isAdmin() ? Account.ROLE_ADMIN : Account.ROLE_USER), view);
    }
}
