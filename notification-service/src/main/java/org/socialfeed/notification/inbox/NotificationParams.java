package org.socialfeed.notification.inbox;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.socialfeed.support.paging.PageRequest;

/** The query parameters the notification lists share (v1 and the grouped v2): filters and Mastodon's cursors. */
public class NotificationParams extends NotificationFilters {

    static final String INCLUDE_FILTERED = "include_filtered";

    @QueryParam(INCLUDE_FILTERED)
    @DefaultValue("false")
    boolean includeFiltered;
    @QueryParam("max_id")
    String maxId;
    @QueryParam("since_id")
    String sinceId;
    @QueryParam("min_id")
    String minId;
    @QueryParam("limit")
    String limit;

    PageRequest page() {
        return PageRequest.parse(maxId, sinceId, minId, limit);
    }

    NotificationQuery query(NotificationReader reader, String callerId) {
        return query(reader, callerId, includeFiltered);
    }

    NotificationQuery clientFilters() {
        return clientFilters(includeFiltered);
    }
}
