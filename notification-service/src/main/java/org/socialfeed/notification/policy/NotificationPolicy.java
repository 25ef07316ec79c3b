package org.socialfeed.notification.policy;

/**
 * A user's notification policy (Mastodon 4.3): what happens to notifications from accounts the user does not
 * follow, accounts that do not follow the user, and accounts younger than {@code newAccountDays} days.
 * {@code forPrivateMentions} and {@code forLimitedAccounts} are kept for API compatibility but have no effect here
 * (posts have no direct visibility and there is no moderation limit).
 */
public record NotificationPolicy(PolicyAction forNotFollowing, PolicyAction forNotFollowers,
                                 PolicyAction forNewAccounts, PolicyAction forPrivateMentions,
                                 PolicyAction forLimitedAccounts, int newAccountDays) {

    /** Mastodon's defaults: accept everything, filter private mentions and limited accounts, 30 days. */
    public static final NotificationPolicy DEFAULT = new NotificationPolicy(PolicyAction.ACCEPT, PolicyAction.ACCEPT,
            PolicyAction.ACCEPT, PolicyAction.FILTER, PolicyAction.FILTER, 30);
}
