package org.socialfeed.post.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.AuthorTimeline;
import org.socialfeed.post.status.Caller;
import org.socialfeed.post.status.Post;
import org.socialfeed.support.paging.PageRequest;

/** An author's own timeline: their posts and reposts, newest first. */
@Path("/api/v1/accounts/{id}/statuses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountStatusesResource {

    private final AuthorTimeline timeline;
    private final Audience audience;
    private final StatusViews views;
    private final JsonWebToken token;

    public AccountStatusesResource(AuthorTimeline timeline, Audience audience, StatusViews views,
                                   JsonWebToken token) {
        this.timeline = timeline;
        this.audience = audience;
        this.views = views;
        this.token = token;
    }

    @GET
    @Operation(summary = "An account's posts and reposts", description = "Newest first, paged like Mastodon "
            + "(max_id, since_id, min_id, limit default 20, at most 40, Link headers). Followers-only posts appear "
            + "only to the author, their followers and the accounts they mention, direct posts only to the author "
            + "and the accounts they mention, as in Mastodon. exclude_replies and exclude_reblogs as in Mastodon.")
    public Response statuses(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                             @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                             @QueryParam("limit") String limit,
                             @QueryParam("exclude_replies") boolean excludeReplies,
                             @QueryParam("exclude_reblogs") boolean excludeReblogs,
                             @Context UriInfo uri) {
        Audience.Sight sight = audience.of(Caller.idOrNull(token));
        AuthorTimeline.Page page = timeline.of(id, sight, PageRequest.parse(maxId, sinceId, minId, limit),
                excludeReplies, excludeReblogs);
        return Paged.of(views.page(page.visible(), sight), page.read().stream().map(Post::idString).toList(), uri);
    }
}
