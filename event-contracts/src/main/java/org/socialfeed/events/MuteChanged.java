package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code muterId} muted ({@code muting} true) or unmuted {@code mutedId}; nobody else is told. {@code notifications}:
 * the mute also hides the muted account's notifications. Topic {@link Topics#FOLLOWS},
 * key = {@code mute:muterId:mutedId}.
 */
public record MuteChanged(String muterId, String mutedId, boolean muting, boolean notifications, Instant changedAt) {
    public static final String TYPE = "social.mute.changed.v1";

    public static String key(String muterId, String mutedId) {
        return "mute:" + muterId + ":" + mutedId;
    }
}
