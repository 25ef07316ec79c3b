package org.socialfeed.post.timeline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.http.Paged;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Caller;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.post.status.PostService;
import org.socialfeed.post.status.StatusViews;
import org.socialfeed.support.paging.PageRequest;

import java.util.List;

/** An author's own timeline: their posts and reposts, newest first. */
@Path("/api/v1/accounts/{id}/statuses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountStatusesResource {

    private final PostRepository posts;
    private final AccountReplica accounts;
    private final Audience audience;
    private final StatusViews views;
    private final JsonWebToken token;

    public AccountStatusesResource(PostRepository posts, AccountReplica accounts, Audience audience,
                                   StatusViews views, JsonWebToken token) {
        this.posts = posts;
        this.accounts = accounts;
        this.audience = audience;
        this.views = views;
        this.token = token;
    }

    @GET
    @Operation(summary = "An account's posts and reposts", description = "Newest first, paged like Mastodon "
            + "(max_id, since_id, min_id, limit default 20, at most 40, Link headers). Followers-only posts appear "
            + "only to the author and their followers. exclude_replies and exclude_reblogs as in Mastodon.")
    public Response statuses(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                             @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                             @QueryParam("limit") String limit,
                             @QueryParam("exclude_replies") boolean excludeReplies,
                             @QueryParam("exclude_reblogs") boolean excludeReblogs,
                             @Context UriInfo uri) {
        PageRequest page = PageRequest.parse(maxId, sinceId, minId, limit);
        long authorId = PostService.parseId(id);
        if (accounts.isSuspended(authorId)) {
            throw new NotFoundException("Record not found");
        }
        Audience.Sight sight = audience.of(Caller.idOrNull(token));
        List<Post> found = sight.seesAuthor(authorId)
                ? posts.byAuthor(authorId, page, sight.seesFollowersOnlyOf(authorId), excludeReplies, excludeReblogs)
                : List.of();
        return Paged.of(views.page(sight.visibleOnly(found), sight),
                found.stream().map(Post::idString).toList(), uri);
    }
}
