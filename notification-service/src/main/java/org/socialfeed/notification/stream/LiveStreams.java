package org.socialfeed.notification.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The SSE connections open on this instance, by user, with a heartbeat for all of them. */
@ApplicationScoped
public class LiveStreams {

    private final Map<String, Set<LiveStream>> byUser = new ConcurrentHashMap<>();

    LiveStream open(String userId, SseEventSink sink, Sse sse, long resumeAfter) {
        Set<LiveStream> streams = byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
        LiveStream[] holder = new LiveStream[1];
        holder[0] = new LiveStream(sink, sse, resumeAfter, () -> remove(userId, holder[0]));
        streams.add(holder[0]);
        return holder[0];
    }

    /** Hands a notification to the user's connections on this instance. */
    void push(String userId, long notificationId, String json) {
        Set<LiveStream> streams = byUser.get(userId);
        if (streams != null) {
            streams.forEach(stream -> stream.push(notificationId, json));
        }
    }

    int openCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    @Scheduled(every = "${social.stream.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        byUser.values().forEach(streams -> streams.forEach(stream -> {
            if (stream.isClosed()) {
                stream.close();
            } else {
                stream.heartbeat();
            }
        }));
    }

    private void remove(String userId, LiveStream stream) {
        byUser.computeIfPresent(userId, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        byUser.values().forEach(streams -> streams.forEach(LiveStream::close));
    }
}
