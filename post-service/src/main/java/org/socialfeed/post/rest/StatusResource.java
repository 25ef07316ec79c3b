package org.socialfeed.post.rest;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.post.favourite.FavouriteRepository;
import org.socialfeed.post.favourite.FavouriteService;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Caller;
import org.socialfeed.post.status.CreateStatusRequest;
import org.socialfeed.post.status.EditStatusRequest;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostService;
import org.socialfeed.post.status.RepostService;
import org.socialfeed.post.status.ThreadService;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Mastodon's statuses API: write, read, edit, delete, thread, likes and reposts. */
@Path("/api/v1/statuses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "statuses")
public class StatusResource {

    private final PostService posts;
    private final RepostService reposts;
    private final FavouriteService favourites;
    private final ThreadService threads;
    private final StatusViews views;
    private final Audience audience;
    private final JsonWebToken token;

    public StatusResource(PostService posts, RepostService reposts, FavouriteService favourites,
                          ThreadService threads, StatusViews views, Audience audience, JsonWebToken token) {
        this.posts = posts;
        this.reposts = reposts;
        this.favourites = favourites;
        this.threads = threads;
        this.views = views;
        this.audience = audience;
        this.token = token;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Publish a post", description = "Mastodon's POST /api/v1/statuses (JSON, urlencoded or "
            + "multipart form parameters). Differs: media are given as media_attachments [{url, description}] "
            + "(already hosted elsewhere) instead of media_ids of uploads, and a file part is refused with 422. "
            + "visibility is public, unlisted (anyone may look it up and it reaches followers' home timelines, "
            + "but never a public timeline), private (the author's followers and the mentioned accounts) or "
            + "direct (only the mentioned accounts: it joins their conversations, see /api/v1/conversations, and "
            + "reaches the home timelines of those who follow the author). Differs: an account that blocks or is "
            + "blocked by the author does not see a post that mentions it. "
            + "spoiler_text is a content warning, counted with the text toward the character limit (500 by "
            + "default), and makes the post sensitive; language is an ISO 639-1 code or null. A retry with the "
            + "same Idempotency-Key header returns the post created first instead of a second one. quote_id names "
            + "a post to quote: followers-only posts only by their author, direct posts never (422).")
    public StatusView create(@Valid CreateStatusRequest request,
                             @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(token);
        PostService.Publication publication = posts.create(caller, request, idempotencyKey);
        Audience.Sight sight = audience.of(caller.id());
        return publication.replayed() ? views.one(publication.post(), sight)
                : views.justCreated(publication.post(), sight);
    }

    @GET
    @Operation(summary = "Several posts at once", description = "Mastodon 4.3's GET /api/v1/statuses?id[]=...: the "
            + "posts the caller may see, in the order asked; unknown or hidden ids are left out. At most 40 ids.")
    public List<StatusView> batch(@QueryParam("id[]") List<String> ids) {
        Set<Long> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                wanted.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // an id that is not a number names no post
            }
        }
        if (wanted.size() > PageRequest.MAX_LIMIT) {
            throw new UnprocessableEntity("At most " + PageRequest.MAX_LIMIT + " ids may be asked for at once");
        }
        Audience.Sight sight = audience.of(viewer());
        return views.page(posts.visibleAmong(wanted, sight), sight);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One post", description = "Mastodon's Status, rendered exactly as home timelines and "
            + "notifications render it (ADR 16). Differs from Mastodon: the embedded account leaves out "
            + "followers_count, following_count, statuses_count and last_status_at (GET /api/v1/accounts/:id has "
            + "them); no bookmarked, muted, pinned, card, poll or application; favourited and reblogged only for a "
            + "signed-in caller.")
    public StatusView get(@PathParam("id") String id) {
        Long viewer = viewer();
        return views.one(posts.get(id, viewer), audience.of(viewer));
    }

    @PUT
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Edit the caller's own post", description = "JSON, urlencoded or multipart form "
            + "parameters. The earlier version is kept (see /history) and edited_at is set. spoiler_text and "
            + "sensitive are replaced as in Mastodon (absent: none); language, if given, replaces the language; "
            + "media_attachments, if given, replace the media; absent, they stay.")
    public StatusView edit(@PathParam("id") String id, @Valid EditStatusRequest request) {
        Caller caller = Caller.of(token);
        return views.one(posts.edit(caller, id, request), audience.of(caller.id()));
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Delete a post", description = "By its author or an admin. Returns the post with its "
            + "source text (for delete and redraft); the post leaves every timeline. Deleting a repost undoes it.")
    public StatusView delete(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return views.deleted(posts.delete(caller, id), audience.of(caller.id()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The edit history of a post", description = "Every version, oldest first, the current "
            + "one last.")
    public List<StatusEditView> history(@PathParam("id") String id) {
        Long viewer = viewer();
        return views.history(posts.get(id, viewer), posts.history(id, viewer));
    }

    @GET
    @Path("/{id}/source")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The source of the caller's own post", description = "Mastodon's StatusSource: the plain "
            + "text and spoiler_text, to fill an edit form. Author only, like editing: 404 for a post the caller "
            + "cannot see, 403 for someone else's.")
    public StatusSourceView source(@PathParam("id") String id) {
        Post post = posts.source(Caller.of(token), id);
        return new StatusSourceView(post.idString(), post.text(), post.spoilerText());
    }

    @GET
    @Path("/{id}/context")
    @Operation(summary = "The thread of a post", description = "ancestors: the chain of posts it replies to, root "
            + "first. descendants: its replies and their replies, oldest first. Differs from Mastodon: descendants "
            + "are paged (limit, default 40, at most 40; min_id to read on), and a Link rel=\"next\" header is set "
            + "when more follow.")
    public Response context(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                            @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                            @QueryParam("limit") String limit, @Context UriInfo uri) {
        Long viewer = viewer();
        PageRequest page = PageRequest.parse(maxId, sinceId, minId, limit, PageRequest.MAX_LIMIT,
                PageRequest.MAX_LIMIT);
        ThreadService.Thread thread = threads.of(id, viewer, page);
        Audience.Sight sight = audience.of(viewer);
        ContextView context = new ContextView(views.page(thread.ancestors(), sight),
                views.page(thread.descendants(), sight));
        return Paged.forward(context, thread.moreDescendants()
                ? thread.descendants().get(thread.descendants().size() - 1).idString() : null, uri);
    }

    @POST
    @Path("/{id}/favourite")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Like a post", description = "Idempotent: liking twice is one like.")
    public StatusView favourite(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return views.one(favourites.favourite(caller, id, true), audience.of(caller.id()));
    }

    @POST
    @Path("/{id}/unfavourite")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Take back a like", description = "Idempotent.")
    public StatusView unfavourite(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return views.one(favourites.favourite(caller, id, false), audience.of(caller.id()));
    }

    @POST
    @Path("/{id}/reblog")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Repost a post", description = "Returns the repost, a status of its own whose reblog is "
            + "the original. Idempotent: reposting again returns the same repost. Public and unlisted posts can "
            + "be reposted (the repost is public); followers-only posts only by their author (the repost stays "
            + "followers-only), direct posts never (422), as in Mastodon.")
    public StatusView reblog(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return views.one(reposts.repost(caller, id), audience.of(caller.id()));
    }

    @POST
    @Path("/{id}/unreblog")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Undo a repost", description = "Returns the original. Idempotent.")
    public StatusView unreblog(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        return views.one(reposts.unrepost(caller, id), audience.of(caller.id()));
    }

    @GET
    @Path("/{id}/favourited_by")
    @Operation(summary = "Who liked a post", description = "Most recent first, paged with Link headers.")
    public Response favouritedBy(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                                 @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                                 @QueryParam("limit") String limit, @Context UriInfo uri) {
        List<FavouriteRepository.Like> likes = favourites.likes(id, viewer(),
                PageRequest.parse(maxId, sinceId, minId, limit));
        List<AccountView> people = views.people(likes.stream().map(FavouriteRepository.Like::actor).toList());
        return Paged.of(people, likes.stream().map(like -> Long.toString(like.seq())).toList(), uri);
    }

    @GET
    @Path("/{id}/reblogged_by")
    @Operation(summary = "Who reposted a post", description = "Most recent first, paged with Link headers.")
    public Response rebloggedBy(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                                @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                                @QueryParam("limit") String limit, @Context UriInfo uri) {
        List<Post> found = reposts.reposts(id, viewer(), PageRequest.parse(maxId, sinceId, minId, limit));
        List<AccountView> people = views.people(found.stream().map(Post::author).toList());
        return Paged.of(people, found.stream().map(Post::idString).toList(), uri);
    }

    private Long viewer() {
        return Caller.idOrNull(token);
    }
}
