package org.socialfeed.notification.inbox;

import jakarta.ws.rs.QueryParam;

/** The query parameters both unread counts take (v1 and the grouped v2): the filters and Mastodon's cap, limit. */
public class UnreadCountParams extends NotificationFilters {

    @QueryParam("limit")
    String limit;

    NotificationQuery query(NotificationReader reader, String callerId) {
        return query(reader, callerId, false);
    }
}
