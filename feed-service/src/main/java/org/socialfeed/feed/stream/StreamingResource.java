package org.socialfeed.feed.stream;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mastodon's streaming API for the caller's home timeline, as Server-Sent Events. */
@Path("/api/v1/streaming")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "streaming")
public class StreamingResource {

    private static final String DESCRIPTION = "Server-Sent Events: 'update' (a Status as JSON) when an entry enters "
            + "the caller's home timeline, 'delete' (a status id) when a post goes, a ':thump' comment as heartbeat. "
            + "Every event has an id; reconnect with Last-Event-ID to get what was missed (entries, and deletions of "
            + "the last hour). Differs from Mastodon: served by feed-service under /api/v1/streaming (Mastodon serves "
            + "/api/v1/streaming/user from a separate server); the token goes in the Authorization header only.";

    private final HomeStreams streams;
    private final JsonWebToken caller;

    public StreamingResource(HomeStreams streams, JsonWebToken caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Path("/home")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live home timeline of the caller", description = DESCRIPTION)
    public void home(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        streams.open(caller.getSubject(), sink, sse, lastEventId);
    }

    @GET
    @Path("/user")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Mastodon's name for the home stream", description = DESCRIPTION)
    public void user(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        streams.open(caller.getSubject(), sink, sse, lastEventId);
    }
}
