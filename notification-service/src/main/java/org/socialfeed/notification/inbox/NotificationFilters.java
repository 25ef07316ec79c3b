package org.socialfeed.notification.inbox;

import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Set;

/** The filters every read of notifications takes: the lists and the unread counts, v1 and the grouped v2. */
public class NotificationFilters {

    @QueryParam("types[]")
    List<String> types;
    @QueryParam("exclude_types[]")
    List<String> excludeTypes;
    @QueryParam("account_id")
    String accountId;

    NotificationQuery query(NotificationReader reader, String callerId, boolean includeFiltered) {
        return reader.withSilenced(callerId, clientFilters(includeFiltered));
    }

    /** The client's filters alone: whoever reads adds the accounts the caller blocked or muted. */
    NotificationQuery clientFilters(boolean includeFiltered) {
        return new NotificationQuery(NotificationReader.parseTypes(types), NotificationReader.parseTypes(excludeTypes),
                Set.of(), includeFiltered, accountId);
    }
}
