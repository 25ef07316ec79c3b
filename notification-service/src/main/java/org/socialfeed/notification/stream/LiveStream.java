package org.socialfeed.notification.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's SSE connection. While it replays what the client missed, live notifications wait in a buffer; then
 * each notification goes out once, in id order ({@code id:} is the notification id, for Last-Event-ID).
 */
final class LiveStream {

    static final String EVENT = "notification";

    private final SseEventSink sink;
    private final Sse sse;
    private final Runnable onClose;
    private final List<Pending> buffered = new ArrayList<>();
    private boolean replaying = true;
    private long lastSentId;
    private boolean closed;

    private record Pending(long id, String json) {
    }

    LiveStream(SseEventSink sink, Sse sse, long resumeAfter, Runnable onClose) {
        this.sink = sink;
        this.sse = sse;
        this.lastSentId = resumeAfter;
        this.onClose = onClose;
    }

    /** A notification from the replay. */
    synchronized void replay(long id, String json) {
        send(id, json);
    }

    /** The replay is over: what arrived live meanwhile follows, skipping what the replay already sent. */
    synchronized void live() {
        replaying = false;
        buffered.sort((a, b) -> Long.compare(a.id(), b.id()));
        buffered.forEach(pending -> send(pending.id(), pending.json()));
        buffered.clear();
    }

    /** A notification as it happens. */
    synchronized void push(long id, String json) {
        if (replaying) {
            buffered.add(new Pending(id, json));
        } else {
            send(id, json);
        }
    }

    synchronized void heartbeat() {
        emit(sse.newEventBuilder().comment("thump").build());
    }

    synchronized boolean isClosed() {
        return closed || sink.isClosed();
    }

    private void send(long id, String json) {
        if (id <= lastSentId) {
            return;
        }
        lastSentId = id;
        emit(sse.newEventBuilder().id(Long.toString(id)).name(EVENT).data(json).build());
    }

    private void emit(OutboundSseEvent event) {
        if (isClosed()) {
            close();
            return;
        }
        sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
            }
        });
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}
