package org.socialfeed.notification.inbox;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a recipient's notifications a read sees: never dismissed, withdrawn (undo), about deleted posts or from
 * suspended, blocked or muted accounts; filtered ones only on request; optionally only some types or one account.
 */
public record NotificationQuery(Set<NotificationType> types, Set<NotificationType> excludeTypes,
                                Set<String> silencedActors, boolean includeFiltered, String accountId) {

    public static NotificationQuery everything(Set<String> silencedActors) {
        return new NotificationQuery(Set.of(), Set.of(), silencedActors, false, null);
    }

    /** This query, hiding also the notifications of these accounts. */
    public NotificationQuery withSilenced(Set<String> silenced) {
        return new NotificationQuery(types, excludeTypes, silenced, includeFiltered, accountId);
    }

    /** The types this query lets through. */
    public Set<NotificationType> allowedTypes() {
        Set<NotificationType> allowed = types.isEmpty() ? EnumSet.allOf(NotificationType.class) : EnumSet.copyOf(types);
        allowed.removeAll(excludeTypes);
        return allowed;
    }

    /** This query narrowed to {@code only}, which must not be empty (no types means every type). */
    public NotificationQuery onlyTypes(Set<NotificationType> only) {
        return new NotificationQuery(only, Set.of(), silencedActors, includeFiltered, accountId);
    }

    public Bson filter(String recipientId) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq("recipientId", recipientId));
        for (String hidden : NotificationRepository.HIDING_FLAGS) {
            conditions.add(Filters.ne(hidden, true));
        }
        if (!includeFiltered) {
            conditions.add(Filters.ne("filtered", true));
        }
        if (!types.isEmpty()) {
            conditions.add(Filters.in("type", types.stream().map(NotificationType::apiName).toList()));
        }
        if (!excludeTypes.isEmpty()) {
            conditions.add(Filters.nin("type", excludeTypes.stream().map(NotificationType::apiName).toList()));
        }
        if (!silencedActors.isEmpty()) {
            conditions.add(Filters.nin("actorId", silencedActors));
        }
        if (accountId != null) {
            conditions.add(Filters.eq("actorId", accountId));
        }
        return Filters.and(conditions);
    }
}
