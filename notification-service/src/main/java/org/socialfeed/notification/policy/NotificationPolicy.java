package org.socialfeed.notification.policy;

/**
 * A user's notification policy (Mastodon 4.3): what happens to notifications from accounts the user does not
 * follow, accounts that do not follow the user, accounts younger than {@code newAccountDays} days, and direct
 * posts mentioning the user from accounts the user does not follow, unless they answer the user's own private
 * mention ({@code forPrivateMentions}). {@code forLimitedAccounts} is kept for API compatibility but has no effect
 * here (there is no moderation limit).
 */
public record NotificationPolicy(PolicyAction forNotFollowing, PolicyAction forNotFollowers,
                                 PolicyAction forNewAccounts, PolicyAction forPrivateMentions,
                                 PolicyAction forLimitedAccounts, int newAccountDays) {

    /** Mastodon's defaults: accept everything, filter private mentions and limited accounts, 30 days. */
    public static final NotificationPolicy DEFAULT = new NotificationPolicy(PolicyAction.ACCEPT, PolicyAction.ACCEPT,
            PolicyAction.ACCEPT, PolicyAction.FILTER, PolicyAction.FILTER, 30);
}
