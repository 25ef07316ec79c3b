package org.socialfeed.notification.stream;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
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
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.inbox.Notification;
import org.socialfeed.notification.inbox.NotificationQuery;
import org.socialfeed.notification.inbox.NotificationRepository;
import org.socialfeed.notification.inbox.NotificationView;
import org.socialfeed.notification.inbox.NotificationViews;
import org.socialfeed.notification.replica.SocialGraph;

import java.util.List;

/**
 * The caller's notifications as Server-Sent Events, live, with replay of what was missed. Mastodon's {@code user}
 * stream and the WebSocket, which carry notifications too, are feed-service's (ADR 14).
 */
@Path("/api/v1/streaming")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "streaming")
public class StreamingResource {

    private static final String DESCRIPTION = "Each event is 'event: notification' with a Notification as data and "
            + "'id:' set to its id. A comment line (':thump') comes every 15 s. A client reconnecting with "
            + "Last-Event-ID first receives the notifications it missed (up to 200), then the live ones. The token "
            + "goes in the Authorization header or, as in Mastodon (EventSource cannot set headers), in the "
            + "access_token query parameter.";

    private final LiveStreams streams;
    private final NotificationRepository notifications;
    private final NotificationViews views;
    private final SocialGraph graph;
    private final NotificationConfig config;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final JsonWebToken caller;

    public StreamingResource(LiveStreams streams, NotificationRepository notifications, NotificationViews views,
                             SocialGraph graph, NotificationConfig config,
                             com.fasterxml.jackson.databind.ObjectMapper json, JsonWebToken caller) {
        this.streams = streams;
        this.notifications = notifications;
        this.views = views;
        this.graph = graph;
        this.config = config;
        this.json = json;
        this.caller = caller;
    }

    @GET
    @Path("/notifications")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Stream the caller's notifications (Server-Sent Events)", description = "Mastodon's "
            + "'user:notification' stream under an older name of this API. " + DESCRIPTION)
    public void notifications(@Context SseEventSink sink, @Context Sse sse,
                              @HeaderParam("Last-Event-ID") String lastEventId) throws Exception {
        stream(sink, sse, lastEventId);
    }

    @GET
    @Path("/user/notification")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Mastodon's user:notification stream (Server-Sent Events)", description = DESCRIPTION
            + " Differs from Mastodon: events have ids and are resumed by Last-Event-ID (Mastodon resumes nothing).")
    public void userNotification(@Context SseEventSink sink, @Context Sse sse,
                                 @HeaderParam("Last-Event-ID") String lastEventId) throws Exception {
        stream(sink, sse, lastEventId);
    }

    private void stream(SseEventSink sink, Sse sse, String lastEventId) throws Exception {
        String userId = caller.getSubject();
        long resumeAfter = parseLastEventId(lastEventId);
        LiveStream stream = streams.open(userId, sink, sse, resumeAfter);
        if (resumeAfter > 0) {
            List<Notification> missed = notifications.after(userId,
                    NotificationQuery.everything(graph.silencedBy(userId)), resumeAfter, config.stream().replayLimit());
            List<NotificationView> rendered = views.render(missed);
            for (NotificationView view : rendered) {
                stream.replay(Long.parseLong(view.id()), json.writeValueAsString(view));
            }
        }
        stream.live();
        stream.heartbeat(); // lets the client know the stream is open
    }

    private static long parseLastEventId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            return 0; // an id we never sent: stream from now on
        }
    }
}
