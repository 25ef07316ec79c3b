package org.socialfeed.feed.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * One stream subscribed on a WebSocket. Each event goes out as Mastodon's message
 * {@code {"stream":["user"],"event":"update","payload":"<JSON as a string>"}}.
 */
final class SocketSubscriber extends Subscriber {

    private static final Logger LOG = Logger.getLogger(SocketSubscriber.class);

    private final WebSocketConnection connection;
    private final String stream;
    private final ObjectMapper json;

    SocketSubscriber(String userId, MastodonStream stream, WebSocketConnection connection, ObjectMapper json) {
        super(userId, stream.home(), stream.notifications());
        this.connection = connection;
        this.stream = stream.mastodonName();
        this.json = json;
    }

    private record Message(List<String> stream, String event, String payload) {
    }

    @Override
    void send(StreamEvent event) {
        String message;
        try {
            message = json.writeValueAsString(new Message(List.of(stream), event.name(), event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stream message cannot be written", e);
        }
        connection.sendText(message).subscribe().with(sent -> { },
                failure -> LOG.debugf("WebSocket %s: %s not sent: %s", connection.id(), event.name(), failure));
    }

    @Override
    boolean isClosed() {
        return connection.isClosed();
    }
}
