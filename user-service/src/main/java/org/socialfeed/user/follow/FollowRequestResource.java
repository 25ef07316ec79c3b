package org.socialfeed.user.follow;

import org.socialfeed.user.graph.RelationshipView;
import org.socialfeed.user.graph.FollowRepository;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.user.account.Caller;

/** Mastodon's follow requests: the owner of a locked account sees, authorizes and rejects who asks to follow it. */
@Path("/api/v1/follow_requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "follows")
public class FollowRequestResource {

    private final FollowService follows;
    private final Caller caller;

    public FollowRequestResource(FollowService follows, Caller caller) {
        this.follows = follows;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Accounts asking to follow the caller, newest first",
            description = "Paged by the request's id with a Link header.")
    public Response list(@QueryParam("max_id") String maxId, @QueryParam("since_id") String sinceId,
                         @QueryParam("min_id") String minId, @QueryParam("limit") String limit,
                         @Context UriInfo uri) {
        return follows.list(caller.id(), FollowRepository.Side.FOLLOWERS, FollowRepository.REQUESTED,
                PageRequest.parse(maxId, sinceId, minId, limit), caller.id()).toResponse(uri);
    }

    @POST
    @Path("/{id}/authorize")
    @Operation(summary = "Accept the follow request of account {id}",
            description = "Returns the caller's relationship to the requester (followed_by=true). 404 if that "
                    + "account has not asked.")
    public RelationshipView authorize(@PathParam("id") String id) {
        return follows.authorize(caller.account(), id);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject the follow request of account {id}", description = "404 if there is none.")
    public RelationshipView reject(@PathParam("id") String id) {
        return follows.reject(caller.account(), id);
    }
}
