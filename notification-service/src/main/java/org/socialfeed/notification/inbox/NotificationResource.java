package org.socialfeed.notification.inbox;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.paging.LinkHeader;
import org.socialfeed.support.paging.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Mastodon's notification endpoints (v1). The caller reads and changes only their own notifications. */
@Path(NotificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "notifications")
public class NotificationResource {

    static final String PATH = "/api/v1/notifications";

    private final NotificationReader reader;
    private final NotificationViews views;
    private final RecentNotifications recent;
    private final RecentPages recentPages;
    private final JsonWebToken caller;

    public NotificationResource(NotificationReader reader, NotificationViews views, RecentNotifications recent,
                                RecentPages recentPages, JsonWebToken caller) {
        this.recentPages = recentPages;
        this.reader = reader;
        this.views = views;
        this.recent = recent;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first",
            description = "Mastodon's GET /api/v1/notifications: types[], exclude_types[], account_id, max_id, "
                    + "since_id, min_id, limit (default 20, max 40), Link header. include_filtered=true also lists "
                    + "what the notification policy filtered (Mastodon 4.3). A notification's status reads as "
                    + "GET /api/v1/statuses/:id renders it for the recipient (ADR 16): counts from the events this "
                    + "service has seen and the recipient's own favourited/reblogged; a quoted post is not embedded. "
                    + "Accounts (the notification's and the status's) leave out followers_count, following_count, "
                    + "statuses_count and last_status_at.")
    public Uni<Response> list(@BeanParam NotificationParams params, @Context UriInfo uri) {
        PageRequest page = params.page();
        NotificationQuery filters = params.clientFilters();
        String callerId = caller.getSubject();
        return recentPages.serve(() -> recentPages.page(callerId, filters, page), uri, () -> {
            List<Notification> found = reader.page(callerId, params.query(reader, callerId), page);
            List<NotificationView> rendered = views.render(found);
            if (!filters.includeFiltered()) {
                recent.warm(callerId, rendered.stream().map(NotificationView::account).toList(),
                        found.stream().map(Notification::statusId).filter(Objects::nonNull).toList(), List.of());
            }
            return Response.ok(rendered)
                    .header("Link", LinkHeader.of(uri, rendered.stream().map(NotificationView::id).toList())).build();
        });
    }

    @GET
    @Path("/unread_count")
    @Operation(summary = "How many notifications are newer than the read marker",
            description = "Mastodon 4.3's unread_count: counts up to limit (default 100, max 1000; a limit below 1 "
                    + "is refused with 400); types[], exclude_types[] and account_id as for the list.")
    public Map<String, Long> unreadCount(@BeanParam UnreadCountParams params) {
        return Map.of("count", reader.unreadCount(caller.getSubject(), params.query(reader, caller.getSubject()),
                params.limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's notifications")
    public NotificationView get(@PathParam("id") String id) {
        return views.render(reader.get(caller.getSubject(), id));
    }

    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Dismiss one notification")
    public Map<String, Object> dismiss(@PathParam("id") String id) {
        reader.dismiss(caller.getSubject(), id);
        return Map.of();
    }

    @POST
    @Path("/clear")
    @Operation(summary = "Dismiss all of the caller's notifications")
    public Map<String, Object> clear() {
        reader.dismissAll(caller.getSubject());
        return Map.of();
    }
}
