package org.socialfeed.feed.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** A Server-Sent Events connection: {@code event:} is the event name, {@code data:} its payload. */
final class SseSubscriber extends Subscriber {

    private final SseEventSink sink;
    private final Sse sse;

    SseSubscriber(String userId, boolean home, boolean notifications, SseEventSink sink, Sse sse) {
        super(userId, home, notifications);
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    void send(StreamEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.name()).data(event.payload());
        if (event.id() != null) {
            builder.id(event.id());
        }
        emit(builder.build());
    }

    /** Mastodon's heartbeat comment. */
    @Override
    void heartbeat() {
        comment("thump");
    }

    void comment(String text) {
        emit(sse.newEventBuilder().comment(text).build());
    }

    private synchronized void emit(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return;
        }
        sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
            }
        });
    }

    @Override
    boolean isClosed() {
        return sink.isClosed();
    }

    void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
