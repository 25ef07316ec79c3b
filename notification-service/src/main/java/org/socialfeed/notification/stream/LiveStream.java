package org.socialfeed.notification.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client's SSE connection. While it replays what the client missed, live notifications wait in a buffer; then
 * what the replay did not send follows, and each notification as it is published ({@code id:} is the notification
 * id, for Last-Event-ID). Live notifications are not dropped by id: instances store them concurrently, so a
 * recipient's notifications are not published in id order (and one a crash left unpublished comes later still).
 */
final class LiveStream {

    static final String EVENT = "notification";

    private final SseEventSink sink;
    private final Sse sse;
    private final Runnable onClose;
    private final List<Pending> buffered = new ArrayList<>();
    private final Set<Long> replayed = new HashSet<>();
    private final long resumeAfter;
    private boolean replaying = true;
    private boolean closed;

    private record Pending(long id, String json) {
    }

    LiveStream(SseEventSink sink, Sse sse, long resumeAfter, Runnable onClose) {
        this.sink = sink;
        this.sse = sse;
        this.resumeAfter = resumeAfter;
        this.onClose = onClose;
    }

    /** A notification from the replay. */
    synchronized void replay(long id, String json) {
        replayed.add(id);
        send(id, json);
    }

    /** The replay is over: what arrived live meanwhile follows, skipping what the replay already sent. */
    synchronized void live() {
        replaying = false;
        buffered.sort((a, b) -> Long.compare(a.id(), b.id()));
        buffered.stream().filter(pending -> pending.id() > resumeAfter && !replayed.contains(pending.id()))
                .forEach(pending -> send(pending.id(), pending.json()));
        buffered.clear();
        replayed.clear();
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
