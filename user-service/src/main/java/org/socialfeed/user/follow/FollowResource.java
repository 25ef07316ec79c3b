package org.socialfeed.user.follow;

import org.socialfeed.user.graph.FollowOptions;

import org.socialfeed.user.graph.RelationshipView;
import org.socialfeed.user.graph.RelationshipService;
import org.socialfeed.user.graph.Follow;
import org.socialfeed.user.graph.FollowRepository;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.Caller;
import org.socialfeed.user.web.OptionsBody;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Mastodon's follow endpoints. The follower is always the caller: nobody follows on someone else's behalf. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "follows")
public class FollowResource {

    private final FollowService follows;
    private final RelationshipService relationships;
    private final AccountService accounts;
    private final Caller caller;
    private final OptionsBody options;

    public FollowResource(FollowService follows, RelationshipService relationships, AccountService accounts,
                          Caller caller, OptionsBody options) {
        this.follows = follows;
        this.relationships = relationships;
        this.accounts = accounts;
        this.caller = caller;
        this.options = options;
    }

    @POST
    @Path("/{id}/follow")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Follow an account (idempotent)", description = "Optional body (JSON, urlencoded or multipart form): reblogs "
            + "(default true), notify (default false); following again with other options changes them. A locked "
            + "account gets a follow request instead (requested=true). 403 if either account blocks the other.")
    public RelationshipView follow(@PathParam("id") String id,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) throws IOException {
        FollowOptions requested = options.read(contentType, body, FollowOptions.class, FollowOptions.NONE);
        return follows.follow(caller.account(), id, requested);
    }

    @POST
    @Path("/{id}/unfollow")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Unfollow an account, or withdraw a follow request (idempotent)")
    public RelationshipView unfollow(@PathParam("id") String id) {
        return follows.unfollow(caller.account(), id);
    }

    @GET
    @Path("/relationships")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The caller's relationships to the given accounts (\"does A follow B\")",
            description = "Unknown, malformed and suspended ids are left out of the answer, as in Mastodon.")
    public List<RelationshipView> relationships(
            @QueryParam("id[]") @Size(max = 40, message = "at most 40 ids at once") List<String> ids) {
        List<Long> targets = new ArrayList<>();
        for (String id : ids) {
            try {
                targets.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // Mastodon leaves ids it cannot find out of the answer; a malformed id is such an id
            }
        }
        return relationships.relationships(caller.id(), targets);
    }

    @GET
    @Path("/{id}/followers")
    @Operation(summary = "Accounts that follow the account, newest follow first",
            description = "Paged by the follow's id (max_id, since_id, min_id, limit up to 40) with a Link header, "
                    + "as in Mastodon. With a token, accounts the caller blocks or is blocked by are left out.")
    public Response followers(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                              @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                              @QueryParam("limit") String limit, @Context UriInfo uri) {
        return list(id, FollowRepository.Side.FOLLOWERS, PageRequest.parse(maxId, sinceId, minId, limit), uri);
    }

    @GET
    @Path("/{id}/following")
    @Operation(summary = "Accounts the account follows, newest follow first",
            description = "Paged like followers.")
    public Response following(@PathParam("id") String id, @QueryParam("max_id") String maxId,
                              @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
                              @QueryParam("limit") String limit, @Context UriInfo uri) {
        return list(id, FollowRepository.Side.FOLLOWING, PageRequest.parse(maxId, sinceId, minId, limit), uri);
    }

    private Response list(String id, FollowRepository.Side side, PageRequest page, UriInfo uri) {
        long owner = accounts.get(id).id();
        Long viewer = caller.present() ? caller.id() : null;
        return follows.list(owner, side, FollowRepository.ACCEPTED, page, viewer).toResponse(uri);
    }
}
