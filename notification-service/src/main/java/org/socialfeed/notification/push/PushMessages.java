package org.socialfeed.notification.push;

import org.socialfeed.notification.inbox.Notification;

/** The short texts a push gateway shows on a device's lock screen. */
final class PushMessages {

    record Message(String title, String body) {
    }

    private PushMessages() {
    }

    static Message of(Notification notification) {
        String who = notification.actor().displayName() == null || notification.actor().displayName().isBlank()
                ? "@" + notification.actor().username() : notification.actor().displayName();
        return switch (notification.type()) {
            case FOLLOW -> new Message("New follower", who + " followed you");
            case FOLLOW_REQUEST -> new Message("New follow request", who + " requested to follow you");
            case FAVOURITE -> new Message("New like", who + " liked your post");
            case REBLOG -> new Message("New repost", who + " reposted your post");
            case MENTION -> new Message("New mention", who + " mentioned you");
            case STATUS -> new Message("New post", who + " just posted");
            case QUOTE -> new Message("New quote", who + " quoted your post");
            case REPLY -> new Message("New reply", who + " replied to your post");
        };
    }
}
