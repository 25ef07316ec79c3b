package org.socialfeed.user.follow;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.user.account.AccountService;

import java.util.ArrayList;
import java.util.List;

/** Mastodon's follow endpoints. The follower is always the caller: nobody follows on someone else's behalf. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "follows")
public class FollowResource {

    private final FollowService follows;
    private final JsonWebToken caller;

    public FollowResource(FollowService follows, JsonWebToken caller) {
        this.follows = follows;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/follow")
    @Operation(summary = "Follow an account (idempotent)")
    public RelationshipView follow(@PathParam("id") String id) {
        return follows.follow(caller.getSubject(), id);
    }

    @POST
    @Path("/{id}/unfollow")
    @Operation(summary = "Unfollow an account (idempotent)")
    public RelationshipView unfollow(@PathParam("id") String id) {
        return follows.unfollow(caller.getSubject(), id);
    }

    @GET
    @Path("/relationships")
    @Operation(summary = "The caller's relationships to the given accounts")
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
        return follows.relationships(AccountService.parseId(caller.getSubject()), targets);
    }
}
