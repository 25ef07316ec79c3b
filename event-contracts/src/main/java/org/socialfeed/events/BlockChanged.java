package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code blockerId} blocked ({@code blocking} true) or unblocked {@code blockedId}. A block also ends follows both
 * ways (sent as {@link FollowRemoved}). Topic {@link Topics#FOLLOWS}, key = {@code block:blockerId:blockedId}.
 */
public record BlockChanged(String blockerId, String blockedId, boolean blocking, Instant changedAt) {
    public static final String TYPE = "social.block.changed.v1";

    public static String key(String blockerId, String blockedId) {
        return "block:" + blockerId + ":" + blockedId;
    }
}
