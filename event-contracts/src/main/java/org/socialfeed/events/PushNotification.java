package org.socialfeed.events;

import java.time.Instant;

/**
 * A notification to deliver to one registered device, for push gateways (FCM, APNs, Web Push senders). One record per
 * device and notification. Topic {@link Topics#NOTIFICATIONS_PUSH}, key = {@code userId}, so one user's pushes stay
 * in order.
 *
 * @param platform the device's platform as registered: {@code fcm}, {@code apns} or {@code webpush}
 * @param token    the device token (or Web Push endpoint) the gateway sends to
 * @param type     the Mastodon notification type: follow, follow_request, favourite, reblog, mention, status, quote,
 *                 reply
 * @param statusId the post the notification is about, or null
 * @param title    a short human-readable title, such as "New follower"
 * @param body     a short human-readable text, such as "Bob followed you"
 */
public record PushNotification(String notificationId, String userId, String deviceId, String platform, String token,
                               String type, AccountRef actor, String statusId, String title, String body,
                               Instant createdAt) {
    public static final String TYPE = "social.notification.push.v1";
}
