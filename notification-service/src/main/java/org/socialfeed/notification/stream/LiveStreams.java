package org.socialfeed.notification.stream;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.socialfeed.notification.config.NotificationConfig;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The SSE connections open on this instance, by user, with a heartbeat for all of them. */
@ApplicationScoped
public class LiveStreams {

    private final Map<String, Set<LiveStream>> byUser = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public LiveStreams(NotificationConfig config) {
        long period = config.stream().heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

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

    private void beat() {
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
        heartbeats.shutdownNow();
        byUser.values().forEach(streams -> streams.forEach(LiveStream::close));
    }
}
