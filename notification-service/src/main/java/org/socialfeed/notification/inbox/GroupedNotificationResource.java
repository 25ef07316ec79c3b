package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;
import org.socialfeed.support.paging.LinkHeader;
import org.socialfeed.support.paging.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Mastodon 4.3's grouped notifications: "B and 4 others liked your post". */
@Path(GroupedNotificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "notifications")
public class GroupedNotificationResource {

    static final String PATH = "/api/v2/notifications";

    private final NotificationReader reader;
    private final NotificationViews views;
    private final RecentNotifications recent;
    private final RecentPages recentPages;
    private final JsonWebToken caller;

    public GroupedNotificationResource(NotificationReader reader, NotificationViews views,
                                       RecentNotifications recent, RecentPages recentPages, JsonWebToken caller) {
        this.reader = reader;
        this.views = views;
        this.recent = recent;
        this.recentPages = recentPages;
        this.caller = caller;
    }

    /** Mastodon's NotificationGroup. */
    public record GroupView(@JsonProperty("group_key") String groupKey,
                            @JsonProperty("notifications_count") long notificationsCount,
                            String type,
                            @JsonProperty("most_recent_notification_id") String mostRecentNotificationId,
                            @JsonProperty("latest_page_notification_at") Instant latestPageNotificationAt,
                            @JsonProperty("sample_account_ids") List<String> sampleAccountIds,
                            @JsonProperty("status_id") String statusId) {
    }

    /** Mastodon's GroupedNotificationsResults. */
    public record GroupedPage(List<AccountView> accounts, List<StatusView> statuses,
                              @JsonProperty("notification_groups") List<GroupView> notificationGroups) {
    }

    @GET
    @Path("/unread_count")
    @Operation(summary = "How many notification groups have notifications newer than the read marker",
            description = "Mastodon 4.3's GET /api/v2/notifications/unread_count: unread notifications of the "
                    + "grouped_types[] (default: every groupable type, favourite, reblog and follow) count once per "
                    + "group, the others one by one; up to limit (default 100, max 1000; a limit below 1 is refused "
                    + "with 400); types[], exclude_types[] and account_id as for the list.")
    public Map<String, Long> unreadCount(@BeanParam UnreadCountParams params,
                                         @QueryParam("grouped_types[]") List<String> groupedTypes) {
        return Map.of("count", reader.unreadGroupCount(caller.getSubject(), params.query(reader, caller.getSubject()),
                reader.groupedTypes(groupedTypes), params.limit));
    }

    @GET
    @Operation(summary = "The caller's notifications in groups, newest group first",
            description = "Mastodon 4.3's GET /api/v2/notifications. Likes and reposts of one post, and follows, "
                    + "arriving within the group window (12 hours by default) form one group. Cursors (max_id, "
                    + "since_id, min_id) are notification ids; a page is always read newest first.")
    public Uni<Response> groups(@BeanParam NotificationParams params, @Context UriInfo uri) {
        PageRequest page = params.page();
        NotificationQuery filters = params.clientFilters();
        String callerId = caller.getSubject();
        return recentPages.serve(() -> recentPages.groups(callerId, filters, page), uri, () -> {
            GroupedPage grouped = fromMongo(callerId, params.query(reader, callerId), page);
            if (!filters.includeFiltered()) {
                recent.warm(callerId, grouped.accounts(), grouped.notificationGroups().stream()
                        .map(GroupView::statusId).filter(Objects::nonNull).toList(), grouped.notificationGroups()
                        .stream().map(GroupView::groupKey).toList());
            }
            return Response.ok(grouped).header("Link", LinkHeader.of(uri, grouped.notificationGroups().stream()
                    .map(GroupView::mostRecentNotificationId).toList())).build();
        });
    }

    private GroupedPage fromMongo(String callerId, NotificationQuery query, PageRequest page) {
        List<NotificationReader.Group> groups = reader.groups(callerId, query, page);
        List<AccountRef> actors = groups.stream().flatMap(group -> group.sampleActors().stream()).toList();
        List<String> statusIds = groups.stream().map(group -> group.mostRecent().statusId())
                .filter(Objects::nonNull).distinct().toList();
        NotificationViews.Rendering rendering = views.prepare(callerId, actors, statusIds);
        Map<String, AccountView> accounts = new LinkedHashMap<>();
        actors.forEach(actor -> accounts.putIfAbsent(actor.id(), rendering.account(actor)));
        List<StatusView> statuses = new ArrayList<>();
        statusIds.forEach(id -> {
            StatusView status = rendering.status(id);
            if (status != null) {
                statuses.add(status);
            }
        });
        List<GroupView> groupViews = groups.stream().map(group -> new GroupView(group.mostRecent().groupKey(),
                group.count(), group.mostRecent().type().apiName(), group.mostRecent().idString(),
                group.mostRecent().createdAt(), group.sampleActors().stream().map(AccountRef::id).toList(),
                group.mostRecent().statusId())).toList();
        return new GroupedPage(new ArrayList<>(accounts.values()), statuses, groupViews);
    }
}
