package org.socialfeed.notification.inbox;

/**
 * Fired (CDI, synchronously) after a notification that is not filtered was stored or found stored again on a
 * redelivered event ({@code firstTime} false): live streams and webhooks take it from here.
 */
public record NotificationStored(Notification notification, boolean firstTime) {
}
