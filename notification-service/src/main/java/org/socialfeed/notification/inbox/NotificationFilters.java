package org.socialfeed.notification.inbox;

import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The filters every read of notifications takes: the lists and the unread counts, v1 and the grouped v2. */
public class NotificationFilters {

    @QueryParam("types[]")
    List<String> types;
    @QueryParam("exclude_types[]")
    List<String> excludeTypes;
    @QueryParam("account_id")
    String accountId;

    NotificationQuery query(NotificationReader reader, String callerId, boolean includeFiltered) {
        return reader.query(callerId, types, excludeTypes, includeFiltered, accountId);
    }
}
