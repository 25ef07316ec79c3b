package org.socialfeed.feed.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.HomeReader;
import org.socialfeed.support.mastodon.StatusView;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live home timelines connected to this instance, as Server-Sent Events in Mastodon's streaming format:
 * {@code update} with a Status, {@code delete} with an id, each with an {@code id:} for {@code Last-Event-ID}
 * resume, and a heartbeat comment. Changes arrive from every instance over the {@link RedisKeys#LIVE_CHANNEL}
 * pub/sub channel.
 */
@ApplicationScoped
public class HomeStreams {

    private static final Logger LOG = Logger.getLogger(HomeStreams.class);

    private final StatefulRedisConnection<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final HomeReader timeline;
    private final LiveFeed live;
    private final ObjectMapper json;
    private final FeedConfig.Stream settings;
    private final Map<String, List<Connection>> connections = new ConcurrentHashMap<>();
    /** Quarkus's worker pool: delivery reads Redis, which must not happen on Lettuce's event loop. */
    private final ManagedExecutor dispatcher;

    public HomeStreams(StatefulRedisConnection<String, String> redis,
                       StatefulRedisPubSubConnection<String, String> pubSub, HomeReader timeline, LiveFeed live,
                       ObjectMapper json, FeedConfig config, ManagedExecutor dispatcher) {
        this.redis = redis;
        this.dispatcher = dispatcher;
        this.pubSub = pubSub;
        this.timeline = timeline;
        this.live = live;
        this.json = json;
        this.settings = config.stream();
    }

    /** One client's stream. */
    private final class Connection {
        final String userId;
        final SseEventSink sink;
        final Sse sse;
        volatile Set<String> following;

        Connection(String userId, SseEventSink sink, Sse sse) {
            this.userId = userId;
            this.sink = sink;
            this.sse = sse;
            refresh();
        }

        void refresh() {
            following = Set.copyOf(redis.sync().smembers(RedisKeys.following(userId)));
            live.connected(userId, System.currentTimeMillis() + 3 * settings.heartbeat().toMillis());
        }

        boolean sees(String authorId) {
            return userId.equals(authorId) || following.contains(authorId);
        }

        synchronized void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                close();
                return;
            }
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }

        void close() {
            List<Connection> mine = connections.get(userId);
            if (mine != null) {
                mine.remove(this);
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                LiveEvent live = LiveEvent.decode(message);
                if (live != null && !connections.isEmpty()) {
                    dispatcher.execute(() -> deliver(live));
                }
            }
        });
        pubSub.sync().subscribe(RedisKeys.LIVE_CHANNEL);
    }

    void onStop(@Observes ShutdownEvent event) {
        connections.values().forEach(list -> list.forEach(Connection::close));
    }

    /** Opens a stream; with {@code lastEventId} the client first gets what it missed since that event. */
    public void open(String userId, SseEventSink sink, Sse sse, String lastEventId) {
        Connection connection = new Connection(userId, sink, sse);
        connection.send(sse.newEventBuilder().comment("connected").build());
        connections.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(connection);
        Long resumeFrom = parseId(lastEventId);
        if (resumeFrom != null) {
            resume(connection, resumeFrom); // registered first: an entry may come twice, but none is lost
        }
    }

    private void resume(Connection connection, long lastEventId) {
        List<Event> missed = new ArrayList<>();
        List<StatusView> statuses = timeline.read(connection.userId,
                new PageRequest(null, null, lastEventId, settings.resumeLimit())).statuses();
        statuses.forEach(status -> missed.add(new Event(Long.parseLong(status.id()), update(connection, status))));
        for (ScoredValue<String> deletion : redis.sync().zrangebyscoreWithScores(RedisKeys.DELETIONS,
                Range.from(Range.Boundary.excluding((double) lastEventId), Range.Boundary.unbounded()))) {
            String[] postAndAuthor = deletion.getValue().split(":");
            if (postAndAuthor.length == 2 && connection.sees(postAndAuthor[1])) {
                long id = (long) deletion.getScore();
                missed.add(new Event(id, delete(connection, id, postAndAuthor[0])));
            }
        }
        missed.sort((a, b) -> Long.compare(a.id, b.id));
        missed.forEach(event -> connection.send(event.event));
    }

    private record Event(long id, OutboundSseEvent event) {
    }

    private void deliver(LiveEvent event) {
        try {
            List<Connection> targets = new ArrayList<>();
            if (event.forAuthor()) {
                connections.values().forEach(list -> list.stream()
                        .filter(c -> c.sees(event.target())).forEach(targets::add));
            } else {
                targets.addAll(connections.getOrDefault(event.target(), Collections.emptyList()));
            }
            for (Connection connection : targets) {
                if (LiveEvent.DELETE.equals(event.kind())) {
                    connection.send(delete(connection, Long.parseLong(event.entryId()), event.entryId()));
                } else {
                    for (StatusView status : timeline.hydrate(connection.userId, List.of(event.entryId()))) {
                        connection.send(update(connection, status));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Live event %s not delivered: %s", event.encode(), e.getMessage());
        }
    }

    @Scheduled(every = "${social.feed.stream.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        for (List<Connection> list : connections.values()) {
            for (Connection connection : list) {
                try {
                    connection.refresh();
                    connection.send(connection.sse.newEventBuilder().comment("thump").build());
                } catch (RuntimeException e) {
                    connection.close();
                }
            }
        }
    }

    private OutboundSseEvent update(Connection connection, StatusView status) {
        try {
            return connection.sse.newEventBuilder().id(status.id()).name(LiveEvent.UPDATE)
                    .data(json.writeValueAsString(status)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Status " + status.id() + " cannot be written", e);
        }
    }

    private static OutboundSseEvent delete(Connection connection, long eventId, String postId) {
        return connection.sse.newEventBuilder().id(Long.toString(eventId)).name(LiveEvent.DELETE).data(postId).build();
    }

    private static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null; // an id we never sent: start without resuming
        }
    }
}
