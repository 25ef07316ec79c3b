package org.socialfeed.feed.recovery;

import io.lettuce.core.SetArgs;
import org.socialfeed.redis.RedisConnection;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.redis.StateMarkers;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds feed-service's Redis state from Kafka when Redis has lost it (first start, restart without persistence,
 * FLUSHALL, eviction): a {@link StateMarkers state marker} is missing. It replays every {@link ReplayedTopic}
 * in their order, whole or from {@code recovery.replay-window} ago (follows.events and users.events whole, then
 * posts.events and interactions.events), through the same code as the live consumers, in replay mode. Timelines
 * are not replayed: each is rebuilt from the restored state on its owner's next read. One instance recovers at a
 * time (a Redis lock); the others wait for the marker.
 */
@ApplicationScoped
public class StateRecovery {

    private static final Logger LOG = Logger.getLogger(StateRecovery.class);
    private static final Duration LOCK_TIME = Duration.ofMinutes(10);

    private final RedisConnection redis;
    private final StateMarkers markers;
    private final RecoveryGate gate;
    private final FeedConfig config;
    private final TopicReplayer replayer;
    private final List<ReplayedTopic> topics;
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Quarkus's worker pool; {@link #running} keeps it to one recovery at a time. */
    private final ManagedExecutor worker;

    public StateRecovery(RedisConnection redis, StateMarkers markers, RecoveryGate gate, FeedConfig config,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @All List<ReplayedTopic> topics, ManagedExecutor worker) {
        this.redis = redis;
        this.markers = markers;
        this.worker = worker;
        this.gate = gate;
        this.config = config;
        this.replayer = new TopicReplayer(bootstrapServers);
        this.topics = topics.stream().sorted(Comparator.comparingInt(ReplayedTopic::replayOrder)).toList();
    }

    void onStart(@Observes StartupEvent event) {
        gate.whenLost(this::start);
        check();
    }

    @Scheduled(every = "${social.feed.recovery.check-interval:5s}", delayed = "${social.feed.recovery.check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            if (markers.allPresent()) {
                if (!running.get()) {
                    gate.open();
                }
            } else {
                gate.lost();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot check the Redis state marker: %s", e.getMessage());
        }
    }

    private void start() {
        if (running.compareAndSet(false, true)) {
            worker.execute(this::recover);
        }
    }

    private void recover() {
        try {
            if (redis.sync().set(RedisKeys.RECOVERY_LOCK, instanceId, SetArgs.Builder.nx().px(LOCK_TIME.toMillis())) == null) {
                awaitOtherInstance();
            } else {
                replayAll();
            }
            gate.open();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recovery of the Redis state failed; the next check retries");
        } finally {
            running.set(false);
        }
    }

    private void replayAll() {
        long started = System.nanoTime();
        Instant since = Instant.now().minus(config.recovery().replayWindow());
        LOG.info("Redis has lost feed-service's state: replaying the topics");
        try {
            StringBuilder replayed = new StringBuilder();
            for (ReplayedTopic topic : topics) {
                long events = replayer.replay(topic, topic.replayedWhole() ? null : since);
                replayed.append(", ").append(events).append(" from ").append(topic.topic());
            }
            markers.writeAll();
            LOG.infof("Recovered from Kafka in %d ms%s",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), replayed);
        } finally {
            redis.sync().del(RedisKeys.RECOVERY_LOCK);
        }
    }

    private void awaitOtherInstance() {
        long deadline = System.nanoTime() + LOCK_TIME.toNanos();
        while (!markers.allPresent() && System.nanoTime() < deadline) {
            if (redis.sync().exists(RedisKeys.RECOVERY_LOCK) == 0) {
                replayAll(); // the other instance gave up
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
