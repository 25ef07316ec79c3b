package org.socialfeed.user.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusRendering;

/**
 * Renders a stored account as Mastodon's Account entity: the shared rendering of its public profile (the same as
 * other services embed in statuses and notifications) with the counters only this service keeps.
 */
@ApplicationScoped
public class AccountViews {

    private final StatusRendering rendering;

    public AccountViews(StatusRendering rendering) {
        this.rendering = rendering;
    }

    public AccountView of(Account account) {
        return rendering.account(account.ref()).withCounters(account.followersCount(), account.followingCount(),
                account.statusesCount(), account.lastStatusAt());
    }

    /** The caller's own account: Mastodon's CredentialAccount, with the private {@code source} part. */
    public AccountView credentials(Account account) {
        AccountView view = of(account);
        return view.withSource(new AccountView.Source(account.note(), account.posting().privacy(),
                account.posting().sensitive(), account.posting().language(), view.fields(), account.email()));
    }
}
