package org.socialfeed.feed.timeline.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.feed.timeline.HomeReader;
import org.socialfeed.support.paging.LinkHeader;
import org.socialfeed.support.paging.PageRequest;

import java.util.concurrent.CompletionStage;

/** Mastodon's home timeline: the caller's own, never anyone else's. */
@Path("/api/v1/timelines")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "timelines")
public class HomeTimelineResource {

    private final HomeReader timeline;
    private final JsonWebToken caller;

    public HomeTimelineResource(HomeReader timeline, JsonWebToken caller) {
        this.timeline = timeline;
        this.caller = caller;
    }

    @GET
    @Path("/home")
    @Operation(summary = "The caller's home timeline, newest first",
            description = "Posts and reposts of the accounts the caller follows, and the caller's own. Cursor "
                    + "pagination as Mastodon: max_id, since_id, min_id, limit (default 20, max 40), Link header. "
                    + "Differs from Mastodon: statuses carry counts and the caller's favourited/reblogged flags, "
                    + "but no bookmarked/muted/pinned fields; replies to accounts the caller does not follow are "
                    + "left out, as Mastodon does; a direct post is shown only to its author and to the accounts it "
                    + "mentions that follow the author, as Mastodon delivers it, and stays there through a rebuild "
                    + "of the timeline or a new follow (Mastodon's regeneration leaves direct posts out). "
                    + "Statuses read as GET /api/v1/statuses/:id renders them (ADR 16), "
                    + "except that a quoted post is not embedded (no quote) and the author is shown as of the post's "
                    + "latest event (a later profile change shows with the author's next post or edit); embedded "
                    + "accounts leave out followers_count, following_count, statuses_count and last_status_at.")
    public CompletionStage<Response> home(@QueryParam("max_id") String maxId, @QueryParam("since_id") String sinceId,
                                          @QueryParam("min_id") String minId, @QueryParam("limit") String limit,
                                          @Context UriInfo uri) {
        PageRequest page = PageRequest.parse(maxId, sinceId, minId, limit);
        // served without blocking: on the event loop, then in the Redis client's callbacks
        return timeline.read(caller.getSubject(), page).thenApply(result -> {
            Response.ResponseBuilder response = Response.ok(result.json());
            String link = LinkHeader.of(uri, result.cursorIds());
            if (link != null) {
                response.header(HttpHeaders.LINK, link);
            }
            return response.build();
        });
    }
}
