package org.socialfeed.user.account;

/** CDI event: the account stopped approving followers by hand, so its pending follow requests are accepted. */
public record AccountUnlocked(long accountId) {
}
