package org.socialfeed.feed.stream;

import java.util.Set;

/**
 * One live stream of a user's events, as {@link UserStreams} sees it: a Server-Sent Events connection, or one stream
 * subscribed on a WebSocket. It takes home-timeline events, notifications or both, as Mastodon's {@code user} and
 * {@code user:notification} streams do.
 */
abstract class Subscriber {

    final String userId;
    final boolean home;
    final boolean notifications;
    /** Whom the user follows, refreshed with every heartbeat: who a merged or deleted entry concerns. */
    volatile Set<String> following = Set.of();

    Subscriber(String userId, boolean home, boolean notifications) {
        this.userId = userId;
        this.home = home;
        this.notifications = notifications;
    }

    boolean sees(String authorId) {
        return userId.equals(authorId) || following.contains(authorId);
    }

    abstract void send(StreamEvent event);

    /** Tells an idle client the stream is alive; nothing by default (WebSockets are pinged by Quarkus). */
    void heartbeat() {
    }

    abstract boolean isClosed();
}
