package org.socialfeed.feed.stream;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.HomeReader;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static java.util.stream.Collectors.groupingBy;

/**
 * The live streams of users connected to this instance (Server-Sent Events and WebSocket subscriptions alike), and
 * what reaches them: home-timeline changes from every instance over the {@link RedisKeys#LIVE_CHANNEL} pub/sub
 * channel ({@code update}, {@code delete}, {@code status.update}), and notifications from notification-service
 * through {@link NotificationChannel}. Timeline events carry an id for {@code Last-Event-ID} resume; a heartbeat
 * keeps Server-Sent Events connections open.
 */
@ApplicationScoped
public class UserStreams {

    private static final Logger LOG = Logger.getLogger(UserStreams.class);

    private final RedisConnection redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final HomeReader timeline;
    private final LiveFeed live;
    private final FeedConfig.Stream settings;
    private final Map<String, Set<Subscriber>> byUser = new ConcurrentHashMap<>();
    /** Quarkus's worker pool: delivery reads Redis, which must not happen on Lettuce's event loop. */
    private final ManagedExecutor dispatcher;

    public UserStreams(RedisConnection redis,
                       StatefulRedisPubSubConnection<String, String> pubSub, HomeReader timeline, LiveFeed live,
                       FeedConfig config, ManagedExecutor dispatcher) {
        this.redis = redis;
        this.dispatcher = dispatcher;
        this.pubSub = pubSub;
        this.timeline = timeline;
        this.live = live;
        this.settings = config.stream();
    }

    void onStart(@Observes StartupEvent event) {
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                LiveEvent live = LiveEvent.decode(message);
                if (live != null && !byUser.isEmpty()) {
                    dispatcher.execute(() -> deliver(live));
                }
            }
        });
        pubSub.sync().subscribe(RedisKeys.LIVE_CHANNEL);
    }

    void onStop(@Observes ShutdownEvent event) {
        byUser.values().forEach(subscribers -> subscribers.stream()
                .filter(SseSubscriber.class::isInstance).map(SseSubscriber.class::cast).forEach(SseSubscriber::close));
    }

    /** Starts delivering to a subscriber. */
    void open(Subscriber subscriber) {
        if (subscriber.home) {
            refresh(subscriber);
        }
        byUser.computeIfAbsent(subscriber.userId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    /**
     * Opens a Server-Sent Events stream; with {@code lastEventId} a home stream first gets the timeline entries and
     * deletions it missed since that event.
     */
    void open(SseSubscriber subscriber, String lastEventId) {
        open(subscriber);
        subscriber.comment("connected"); // after registering: a client that sees it misses nothing from now on
        Long resumeFrom = parseId(lastEventId);
        if (resumeFrom != null && subscriber.home) {
            resume(subscriber, resumeFrom); // registered first: an entry may come twice, but none is lost
        }
    }

    void close(Subscriber subscriber) {
        byUser.computeIfPresent(subscriber.userId, (id, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    private void refresh(Subscriber subscriber) {
        subscriber.following = Set.copyOf(redis.sync().smembers(RedisKeys.following(subscriber.userId)));
        live.connected(subscriber.userId, System.currentTimeMillis() + 3 * settings.heartbeat().toMillis());
    }

    private void resume(Subscriber subscriber, long lastEventId) {
        List<StreamEvent> missed = new ArrayList<>();
        timeline.read(subscriber.userId, new PageRequest(null, null, lastEventId, settings.resumeLimit()))
                .toCompletableFuture().join().statuses()
                .forEach(status -> missed.add(status(LiveEvent.UPDATE, status)));
        for (ScoredValue<String> deletion : redis.sync().zrangebyscoreWithScores(RedisKeys.DELETIONS,
                Range.from(Range.Boundary.excluding((double) lastEventId), Range.Boundary.unbounded()))) {
            String[] postAndAuthor = deletion.getValue().split(":");
            if (postAndAuthor.length == 2 && subscriber.sees(postAndAuthor[1])) {
                missed.add(delete(Long.toString((long) deletion.getScore()), postAndAuthor[0]));
            }
        }
        missed.sort((a, b) -> Long.compare(Long.parseLong(a.id()), Long.parseLong(b.id())));
        missed.forEach(subscriber::send);
    }

    /** A timeline change from the live channel, to the home streams it concerns. */
    private void deliver(LiveEvent event) {
        try {
            Predicate<Subscriber> concerned = event.forAuthor()
                    ? subscriber -> subscriber.sees(event.target())
                    : subscriber -> subscriber.userId.equals(event.target());
            Map<String, List<Subscriber>> targets = subscribers(subscriber -> subscriber.home
                    && concerned.test(subscriber)).stream().collect(groupingBy(subscriber -> subscriber.userId));
            targets.forEach((userId, subscribers) -> {
                for (StreamEvent streamEvent : render(userId, event)) {
                    subscribers.forEach(subscriber -> subscriber.send(streamEvent));
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Live event %s not delivered: %s", event.encode(), e.getMessage());
        }
    }

    private List<StreamEvent> render(String userId, LiveEvent event) {
        if (LiveEvent.DELETE.equals(event.kind())) {
            return List.of(delete(event.entryId(), event.entryId()));
        }
        return timeline.statuses(userId, List.of(event.entryId())).toCompletableFuture().join().stream()
                .map(status -> status(event.kind(), status)).toList();
    }

    /** A notification from notification-service, rendered there, to the user's streams that take notifications. */
    void deliverNotification(String userId, String notificationJson) {
        StreamEvent event = new StreamEvent(StreamEvent.NOTIFICATION, null, notificationJson);
        Set<Subscriber> subscribers = byUser.get(userId);
        if (subscribers != null) {
            subscribers.stream().filter(subscriber -> subscriber.notifications).forEach(s -> s.send(event));
        }
    }

    private List<Subscriber> subscribers(Predicate<Subscriber> filter) {
        return byUser.values().stream().flatMap(Set::stream).filter(filter).toList();
    }

    @Scheduled(every = "${social.feed.stream.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        for (Subscriber subscriber : subscribers(subscriber -> true)) {
            if (subscriber.isClosed()) {
                close(subscriber);
                continue;
            }
            try {
                if (subscriber.home) {
                    refresh(subscriber);
                }
                subscriber.heartbeat();
            } catch (RuntimeException e) {
                LOG.debugf("Stream of %s not refreshed: %s", subscriber.userId, e.getMessage());
            }
        }
    }

    /** An {@code update} or {@code status.update}; the kinds of the live channel are Mastodon's event names. */
    private StreamEvent status(String name, HomeReader.RenderedStatus status) {
        // an edit is no new position in the timeline: without an id, Last-Event-ID stays where it was
        return new StreamEvent(name, LiveEvent.UPDATE.equals(name) ? status.entryId() : null, status.jsonText());
    }

    private static StreamEvent delete(String eventId, String postId) {
        return new StreamEvent(LiveEvent.DELETE, eventId, postId);
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
