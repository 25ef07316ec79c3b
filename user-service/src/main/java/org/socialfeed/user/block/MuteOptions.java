package org.socialfeed.user.block;

/**
 * Body of {@code POST /api/v1/accounts/{id}/mute} (JSON or form). {@code notifications}: also hide the account's
 * notifications (default true). Mastodon's {@code duration} is accepted and ignored: mutes last until unmuted.
 */
public record MuteOptions(Boolean notifications, Integer duration) {

    static final MuteOptions DEFAULT = new MuteOptions(true, null);

    boolean hidesNotifications() {
        return !Boolean.FALSE.equals(notifications);
    }
}
