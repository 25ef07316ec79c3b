package org.socialfeed.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.marker.MarkerRepository;
import org.socialfeed.notification.marker.Timeline;
import org.socialfeed.notification.replica.SocialGraph;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The read side: pages, single notifications, groups, unread counts; always only the caller's own. */
@ApplicationScoped
public class NotificationReader {

    /** Accounts listed per group, as Mastodon's sample_account_ids. */
    public static final int GROUP_SAMPLE_ACCOUNTS = 8;
    /** The grouped view reads at most this many notifications per group it returns. */
    static final int GROUP_SCAN_FACTOR = 50;

    private final NotificationRepository notifications;
    private final SocialGraph graph;
    private final MarkerRepository markers;
    private final NotificationConfig config;
    private final RecentNotifications recent;

    public NotificationReader(NotificationRepository notifications, SocialGraph graph, MarkerRepository markers,
                              NotificationConfig config, RecentNotifications recent) {
        this.notifications = notifications;
        this.recent = recent;
        this.graph = graph;
        this.markers = markers;
        this.config = config;
    }

    /** The query a read from MongoDB runs: the client's filters plus the accounts the caller silenced. */
    public NotificationQuery withSilenced(String callerId, NotificationQuery clientFilters) {
        return clientFilters.withSilenced(graph.silencedBy(callerId));
    }

    public List<Notification> page(String callerId, NotificationQuery query, PageRequest page) {
        return notifications.page(callerId, query, page);
    }

    public Notification get(String callerId, String id) {
        return notifications.find(callerId, NotificationQuery.everything(graph.silencedBy(callerId)), parseId(id))
                .orElseThrow(() -> new NotFoundException("Record not found"));
    }

    public void dismiss(String callerId, String id) {
        Notification dismissed = notifications.dismiss(callerId, parseId(id))
                .orElseThrow(() -> new NotFoundException("Record not found"));
        recent.removed(callerId, List.of(dismissed));
    }

    public void dismissAll(String callerId) {
        recent.cleared(callerId, notifications.dismissAll(callerId));
    }

    /** Notifications newer than the caller's read marker, counted up to {@code limit} (Mastodon's cap). */
    public long unreadCount(String callerId, NotificationQuery query, String limit) {
        return notifications.count(callerId, query, lastRead(callerId), unreadCountLimit(limit));
    }

    /**
     * Mastodon 4.3's grouped unread count: notifications newer than the caller's read marker, those of the
     * {@code groupedTypes} that are groupable counted once per group, the others one by one, up to {@code limit}.
     */
    public long unreadGroupCount(String callerId, NotificationQuery query, Set<NotificationType> groupedTypes,
                                 String limit) {
        int cap = unreadCountLimit(limit);
        long lastRead = lastRead(callerId);
        Set<NotificationType> grouped = query.allowedTypes();
        grouped.removeIf(type -> !type.groupable() || !groupedTypes.contains(type));
        Set<NotificationType> single = query.allowedTypes();
        single.removeAll(grouped);
        long count = single.isEmpty() ? 0 : notifications.count(callerId, query.onlyTypes(single), lastRead, cap);
        if (count < cap && !grouped.isEmpty()) {
            count += notifications.countGroups(callerId, query.onlyTypes(grouped), lastRead, cap - count);
        }
        return count;
    }

    /** Mastodon's grouped_types[]: the types a client groups; none named means every groupable type. */
    public Set<NotificationType> groupedTypes(List<String> names) {
        return names == null || names.isEmpty() ? EnumSet.allOf(NotificationType.class) : parseTypes(names);
    }

    private int unreadCountLimit(String limit) {
        return PageRequest.limit(limit, config.notifications().unreadCountDefaultLimit(),
                config.notifications().unreadCountMaxLimit());
    }

    private long lastRead(String callerId) {
        return markers.get(callerId, Timeline.NOTIFICATIONS).map(MarkerRepository.Marker::lastReadId).orElse(0L);
    }

    /**
     * A page of groups, newest first by their most recent notification. A group appears once, on the page of its
     * most recent notification; its older members on later pages are skipped.
     */
    public List<Group> groups(String callerId, NotificationQuery query, PageRequest page) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<String> passed = new HashSet<>();
        for (Notification notification : notifications.newestFirst(callerId, query, page.lowerBound(),
                page.upperBound(), page.limit() * GROUP_SCAN_FACTOR)) {
            if (groups.size() == page.limit()) {
                break;
            }
            if (!passed.add(notification.groupKey())) {
                continue;
            }
            if (!notification.type().groupable()) {
                groups.put(notification.groupKey(), new Group(notification, 1, List.of(notification.actor())));
                continue;
            }
            Notification head = notifications.groupHead(callerId, query, notification.groupKey()).orElse(notification);
            if (head.id() == notification.id()) {
                NotificationRepository.GroupSummary summary = notifications.groupSummary(callerId, query,
                        notification.groupKey(), GROUP_SAMPLE_ACCOUNTS);
                groups.put(notification.groupKey(), new Group(notification, summary.count(), summary.sampleActors()));
            }
        }
        return new ArrayList<>(groups.values());
    }

    public long[] filteredSummary(String callerId) {
        return notifications.filteredSummary(callerId,
                new NotificationQuery(Set.of(), Set.of(), graph.silencedBy(callerId), true, null));
    }

    /** A group as the grouped view shows it: its newest notification, its size and its latest actors. */
    public record Group(Notification mostRecent, long count, List<org.socialfeed.events.AccountRef> sampleActors) {
    }

    static Set<NotificationType> parseTypes(List<String> names) {
        Set<NotificationType> types = new HashSet<>();
        if (names != null) {
            names.forEach(name -> types.add(NotificationType.parse(name)));
        }
        return types;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Record not found");
        }
    }
}
