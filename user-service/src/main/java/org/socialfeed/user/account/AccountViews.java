package org.socialfeed.user.account;

import org.socialfeed.support.mastodon.AccountView;

import java.util.List;

/** Renders a stored account as Mastodon's Account entity, with its counters. */
final class AccountViews {

    private AccountViews() {
    }

    static AccountView of(Account account) {
        return new AccountView(account.idString(), account.username(), account.username(), account.displayName(),
                account.locked(), false, false, true, account.createdAt(), account.note(), null, null, null, null,
                null, account.followersCount(), account.followingCount(), account.statusesCount(), List.of(),
                List.of(), null);
    }
}
