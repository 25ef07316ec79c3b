package org.socialfeed.feed.stream;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Mastodon's streaming API as Server-Sent Events: the caller's home timeline, alone or with their notifications.
 * The WebSocket at {@code /api/v1/streaming} is {@link StreamingSocket}.
 */
@Path("/api/v1/streaming")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "streaming", description = "Mastodon's streaming API. Besides these Server-Sent Events paths, the "
        + "WebSocket /api/v1/streaming (not an OpenAPI operation): token as Authorization: Bearer, access_token query "
        + "parameter or Sec-WebSocket-Protocol (echoed back); 401 without a valid one. ?stream=user subscribes on "
        + "connect; messages {\"type\":\"subscribe\"|\"unsubscribe\",\"stream\":\"user\"|\"user:notification\"}. The "
        + "server sends {\"stream\":[\"user\"],\"event\":\"update\",\"payload\":\"<JSON as a string>\"} with events "
        + "update, status.update, delete (payload: status id) and notification; an unknown stream gets "
        + "{\"error\":\"Unknown stream type\",\"status\":400}. Differs from Mastodon: only the user and "
        + "user:notification streams; no scope checks; no filters_changed, announcement or conversation events. "
        + "The notification-only SSE paths are notification-service's.")
public class StreamingResource {

    private static final String TIMELINE = "'update' (a Status as JSON) when an entry enters the caller's home "
            + "timeline, 'status.update' (the Status) when one of the caller's or a followed account's statuses is "
            + "edited, 'delete' (a status id) when a post goes, a ':thump' comment every 15 s. 'update' and 'delete' "
            + "have an id; reconnect with Last-Event-ID to get the entries and deletions (of the last hour) missed "
            + "since. The token goes in the Authorization header or, as in Mastodon (EventSource cannot set "
            + "headers), in the access_token query parameter.";

    private final UserStreams streams;
    private final JsonWebToken caller;

    public StreamingResource(UserStreams streams, JsonWebToken caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Path("/home")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live home timeline of the caller (Server-Sent Events)", description = TIMELINE
            + " Not a Mastodon path: Mastodon's 'user' stream is /api/v1/streaming/user, which adds notifications.")
    public void home(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        streams.open(new SseSubscriber(caller.getSubject(), true, false, sink, sse), lastEventId);
    }

    @GET
    @Path("/user")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Mastodon's user stream: home timeline and notifications (Server-Sent Events)",
            description = TIMELINE + " Also 'notification' (a Notification as JSON) for each new notification of "
                    + "the caller, without an id: Last-Event-ID resumes the timeline only (missed notifications are "
                    + "in GET /api/v1/notifications, or resumed by /api/v1/streaming/notifications). Differs from "
                    + "Mastodon: events of the last hour are resumed by Last-Event-ID (Mastodon resumes nothing); "
                    + "no 'filters_changed', 'announcement' or 'conversation' events. The WebSocket at "
                    + "/api/v1/streaming carries the same events (see the README).")
    public void user(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        streams.open(new SseSubscriber(caller.getSubject(), true, true, sink, sse), lastEventId);
    }

    @GET
    @Path("/health")
    @PermitAll
    @SecurityRequirements // none: load balancers and apps ask without a token
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Whether the streaming API is up", description = "'OK', as Mastodon's streaming server "
            + "answers. Served by feed-service, which holds the WebSocket and the user streams.")
    public String health() {
        return "OK";
    }
}
