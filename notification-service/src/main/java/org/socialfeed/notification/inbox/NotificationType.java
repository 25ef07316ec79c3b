package org.socialfeed.notification.inbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The notification types, named as Mastodon names them ({@code reply} is ours: see README). Likes, reposts and
 * follows are groupable, as in Mastodon 4.3.
 */
public enum NotificationType {
    FOLLOW("follow", true),
    FOLLOW_REQUEST("follow_request", false),
    FAVOURITE("favourite", true),
    REBLOG("reblog", true),
    MENTION("mention", false),
    STATUS("status", false),
    QUOTE("quote", false),
    REPLY("reply", false);

    private final String apiName;
    private final boolean groupable;

    NotificationType(String apiName, boolean groupable) {
        this.apiName = apiName;
        this.groupable = groupable;
    }

    public String apiName() {
        return apiName;
    }

    public boolean groupable() {
        return groupable;
    }

    public static Optional<NotificationType> fromApiName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    /** Parses a type named by a client; an unknown name is the client's error. */
    public static NotificationType parse(String name) {
        return fromApiName(name).orElseThrow(() -> new jakarta.ws.rs.BadRequestException(
                "Unknown notification type '" + name + "'; known: " + String.join(", ",
                        Arrays.stream(values()).map(NotificationType::apiName).toList())));
    }
}
