package org.socialfeed.user.block;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.user.account.Caller;
import org.socialfeed.user.graph.RelationshipView;
import org.socialfeed.user.web.OptionsBody;


import java.io.IOException;

/** Mastodon's block and mute endpoints; the lists are in {@link BlockMuteListResource}. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "blocks and mutes")
public class BlockMuteResource {

    private final BlockService service;
    private final Caller caller;
    private final OptionsBody options;

    public BlockMuteResource(BlockService service, Caller caller, OptionsBody options) {
        this.service = service;
        this.caller = caller;
        this.options = options;
    }

    @POST
    @Path("/{id}/block")
    @Operation(summary = "Block an account (idempotent)",
            description = "Ends follows and follow requests both ways and forbids new ones.")
    public RelationshipView block(@PathParam("id") String id) {
        return service.block(caller.account(), id);
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(summary = "Unblock an account (idempotent); ended follows stay ended")
    public RelationshipView unblock(@PathParam("id") String id) {
        return service.unblock(caller.account(), id);
    }

    @POST
    @Path("/{id}/mute")
    @Operation(summary = "Mute an account (idempotent)", description = "Optional body (JSON, urlencoded or multipart form): "
            + "notifications (default true) also hides its notifications. Differs from Mastodon: duration is "
            + "ignored (mutes last until unmuted).")
    public RelationshipView mute(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 byte[] body) throws IOException {
        MuteOptions mute = options.read(contentType, body, MuteOptions.class, MuteOptions.DEFAULT);
        return service.mute(caller.account(), id, mute.hidesNotifications());
    }

    @POST
    @Path("/{id}/unmute")
    @Operation(summary = "Unmute an account (idempotent)")
    public RelationshipView unmute(@PathParam("id") String id) {
        return service.unmute(caller.account(), id);
    }
}
