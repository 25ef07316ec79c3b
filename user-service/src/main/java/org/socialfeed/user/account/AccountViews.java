package org.socialfeed.user.account;

import org.socialfeed.support.mastodon.AccountView;

import java.util.List;

/** Renders a stored account as Mastodon's Account entity, with its counters. */
public final class AccountViews {

    private AccountViews() {
    }

    public static AccountView of(Account account) {
        return new AccountView(account.idString(), account.username(), account.username(), account.displayName(),
                account.locked(), false, false, true, account.createdAt(), account.note(), null, account.avatar(),
                account.avatar(), null, null, account.followersCount(), account.followingCount(),
                account.statusesCount(), List.of(), List.of(), null);
    }

    /** The caller's own account: Mastodon's CredentialAccount, with the private {@code source} part. */
    public static AccountView credentials(Account account) {
        return of(account).withSource(new AccountView.Source(account.note(), "public", false, null, List.of(),
                account.email()));
    }
}
