package org.socialfeed.events;

/**
 * A notification as it happens, on the Redis pub/sub channel {@link #CHANNEL}: notification-service publishes each
 * new notification once, already rendered as Mastodon's Notification JSON, and every instance of notification-service
 * and feed-service (the user WebSocket and SSE streams) hands it to its connections of the recipient. Not a Kafka
 * event: nothing is kept, a client that was not connected catches up through the notifications API.
 * On the wire: {@code recipientId \n notificationId \n json}.
 */
public record LiveNotification(String recipientId, long notificationId, String json) {

    public static final String CHANNEL = "notifications:live";

    public String encode() {
        return recipientId + "\n" + notificationId + "\n" + json;
    }

    /** Null for a message that is not one. */
    public static LiveNotification decode(String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new LiveNotification(parts[0], Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
