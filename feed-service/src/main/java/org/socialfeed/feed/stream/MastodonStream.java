package org.socialfeed.feed.stream;

import java.util.Arrays;
import java.util.Optional;

/** The streams of Mastodon's streaming API this server has, and what each carries. */
enum MastodonStream {
    /** The home timeline and the user's notifications. */
    USER("user", true, true),
    /** The user's notifications only. */
    USER_NOTIFICATION("user:notification", false, true);

    private final String mastodonName;
    private final boolean home;
    private final boolean notifications;

    MastodonStream(String mastodonName, boolean home, boolean notifications) {
        this.mastodonName = mastodonName;
        this.home = home;
        this.notifications = notifications;
    }

    static Optional<MastodonStream> named(String name) {
        return Arrays.stream(values()).filter(stream -> stream.mastodonName.equals(name)).findFirst();
    }

    String mastodonName() {
        return mastodonName;
    }

    boolean home() {
        return home;
    }

    boolean notifications() {
        return notifications;
    }
}
