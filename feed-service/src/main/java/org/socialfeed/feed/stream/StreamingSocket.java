package org.socialfeed.feed.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mastodon's streaming WebSocket, {@code /api/v1/streaming}: one connection, any number of streams. The token comes
 * as {@code Authorization: Bearer}, {@code ?access_token=} or {@code Sec-WebSocket-Protocol}
 * ({@code StreamingAccessToken} in service-support); without a valid one the upgrade is refused with 401.
 * {@code ?stream=user} subscribes at once; then the client sends {@code {"type":"subscribe","stream":"user"}} or
 * {@code {"type":"unsubscribe",...}}. As Mastodon's streaming server does, a stream it does not know is answered
 * with {@code {"error":"Unknown stream type","status":400}} and the connection stays open, and a message that is no
 * JSON or has another type is ignored.
 */
@WebSocket(path = StreamingSocket.PATH)
@Authenticated
public class StreamingSocket {

    static final String PATH = "/api/v1/streaming";

    private static final UserData.TypedKey<Map<MastodonStream, SocketSubscriber>> SUBSCRIPTIONS =
            new UserData.TypedKey<>("subscriptions");
    private static final UserData.TypedKey<String> USER_ID = new UserData.TypedKey<>("user-id");

    private final UserStreams streams;
    private final SecurityIdentity caller;
    private final ObjectMapper json;

    public StreamingSocket(UserStreams streams, SecurityIdentity caller, ObjectMapper json) {
        this.streams = streams;
        this.caller = caller;
        this.json = json;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        connection.userData().put(USER_ID, ((JsonWebToken) caller.getPrincipal()).getSubject());
        connection.userData().put(SUBSCRIPTIONS, new ConcurrentHashMap<>());
        List<String> stream = new QueryStringDecoder("?" + Optional.ofNullable(connection.handshakeRequest().query())
                .orElse("")).parameters().get("stream");
        if (stream != null && !stream.isEmpty()) {
            subscribe(connection, stream.get(0));
        }
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return; // Mastodon only logs what it cannot parse
        }
        String stream = firstParam(message.path("stream"));
        switch (message.path("type").asText()) {
            case "subscribe" -> subscribe(connection, stream);
            case "unsubscribe" -> unsubscribe(connection, stream);
            default -> {
                // Mastodon ignores other types too
            }
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        connection.userData().get(SUBSCRIPTIONS).values().forEach(streams::close);
    }

    private void subscribe(WebSocketConnection connection, String name) {
        Optional<MastodonStream> stream = MastodonStream.named(name);
        if (stream.isEmpty()) {
            reply(connection, new SocketError("Unknown stream type", 400));
            return;
        }
        connection.userData().get(SUBSCRIPTIONS).computeIfAbsent(stream.get(), known -> {
            SocketSubscriber subscriber = new SocketSubscriber(connection.userData().get(USER_ID), known, connection,
                    json);
            streams.open(subscriber);
            return subscriber;
        });
    }

    private void unsubscribe(WebSocketConnection connection, String name) {
        Optional<MastodonStream> stream = MastodonStream.named(name);
        if (stream.isEmpty()) {
            reply(connection, new SocketError("Error unsubscribing from channel", null)); // Mastodon's, no status
            return;
        }
        SocketSubscriber subscriber = connection.userData().get(SUBSCRIPTIONS).remove(stream.get());
        if (subscriber != null) {
            streams.close(subscriber);
        }
    }

    /** Mastodon's {@code firstParam}: a stream may come as a string or as an array whose first element counts. */
    private static String firstParam(JsonNode stream) {
        return stream.isArray() ? stream.path(0).asText() : stream.asText();
    }

    /** Mastodon's error message on the socket. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record SocketError(String error, Integer status) {
    }

    private void reply(WebSocketConnection connection, SocketError error) {
        try {
            connection.sendTextAndAwait(json.writeValueAsString(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
