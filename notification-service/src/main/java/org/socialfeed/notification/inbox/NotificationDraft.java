package org.socialfeed.notification.inbox;

import org.socialfeed.events.AccountRef;

/**
 * A notification an event asks for, before the recipient's settings decide its fate.
 *
 * @param dedupKey   unique per notification the event can cause: the event's ce_id and the recipient, or, for
 *                   notifications about a new post (mention, reply, quote, status), the post and the recipient,
 *                   so one post notifies one account once whichever events announce it
 * @param undoKey    what an undo (unlike, undo repost, unfollow) names to withdraw it, or null
 */
public record NotificationDraft(String dedupKey, String undoKey, String recipientId, NotificationType type,
                                AccountRef actor, String statusId) {

    public static String eventKey(String eventId, String recipientId) {
        return "event:" + eventId + ":" + recipientId;
    }

    public static String postKey(String postId, String recipientId) {
        return "post:" + postId + ":" + recipientId;
    }

    public static String undoKey(NotificationType type, String actorId, String targetId) {
        return type.apiName() + ":" + actorId + ":" + targetId;
    }
}
