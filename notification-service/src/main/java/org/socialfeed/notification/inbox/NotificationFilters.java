package org.socialfeed.notification.inbox;

import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Set;

/** The filters every read of notifications takes: the lists and the unread counts, v1 and the grouped v2. */
public class NotificationFilters {

    static final String TYPES = "types[]";
    static final String EXCLUDE_TYPES = "exclude_types[]";
    static final String ACCOUNT_ID = "account_id";

    @QueryParam(TYPES)
    List<String> types;
    @QueryParam(EXCLUDE_TYPES)
    List<String> excludeTypes;
    @QueryParam(ACCOUNT_ID)
    String accountId;

    NotificationQuery query(NotificationReader reader, String callerId, boolean includeFiltered) {
        return reader.withSilenced(callerId, clientFilters(includeFiltered));
    }

    /** The client's filters alone: whoever reads adds the accounts the caller blocked or muted. */
    NotificationQuery clientFilters(boolean includeFiltered) {
        return clientFilters(types, excludeTypes, accountId, includeFiltered);
    }

    /** As {@link #clientFilters(boolean)}, from the parameters' values; 400 for an unknown type. */
    static NotificationQuery clientFilters(List<String> types, List<String> excludeTypes, String accountId,
                                           boolean includeFiltered) {
        return new NotificationQuery(NotificationReader.parseTypes(types), NotificationReader.parseTypes(excludeTypes),
                Set.of(), includeFiltered, accountId);
    }
}
