package org.socialfeed.feed.timeline;

import io.lettuce.core.Range;
import org.socialfeed.redis.RedisConnection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who read their home timeline recently. Fan-out writes only to these users' timelines (Mastodon does the same);
 * everyone else's timeline is dropped to save memory and rebuilt on their next read. Being listed here is also what
 * says a timeline is maintained: a reader who is not listed (new, long away, or after a Redis flush) gets a rebuild.
 */
@ApplicationScoped
public class ActiveReaders {

    private static final Logger LOG = Logger.getLogger(ActiveReaders.class);
    /** A read refreshes the reader's mark at most this often, so most reads write nothing. */
    private static final Duration REFRESH = Duration.ofMinutes(10);

    private final RedisConnection redis;
    private final Duration inactiveAfter;

    public ActiveReaders(RedisConnection redis, FeedConfig config) {
        this.redis = redis;
        this.inactiveAfter = config.inactiveAfter();
    }

    /** Whether a last-read mark (as read from {@link RedisKeys#lastRead}) still counts as active. */
    public boolean isActive(Double lastRead) {
        return lastRead != null && lastRead >= System.currentTimeMillis() - inactiveAfter.toMillis();
    }

    public boolean needsRefresh(Double lastRead) {
        return lastRead == null || lastRead < System.currentTimeMillis() - REFRESH.toMillis();
    }

    /**
     * Marks the reader active: in the global set fan-out asks, then in the reader's own mark reads ask. In that
     * order, so a read never sees itself active before fan-out writes to its timeline.
     */
    public void markActive(String userId) {
        long now = System.currentTimeMillis();
        redis.sync().zadd(RedisKeys.ACTIVE, now, userId);
        redis.sync().set(RedisKeys.lastRead(userId), String.valueOf(now));
    }

    /** Marks the reader active without waiting for Redis (a read refreshing its mark). */
    public void markActiveLater(String userId) {
        long now = System.currentTimeMillis();
        redis.async().zadd(RedisKeys.ACTIVE, now, userId)
                .thenRun(() -> redis.async().set(RedisKeys.lastRead(userId), String.valueOf(now)));
    }

    /** The reverse order of {@link #markActive}: reads stop taking the timeline as kept before fan-out stops. */
    public void forget(String userId) {
        redis.sync().del(RedisKeys.lastRead(userId));
        redis.sync().zrem(RedisKeys.ACTIVE, userId);
    }

    /** The users among {@code userIds} whose timelines are maintained, in one ZMSCORE. */
    public List<String> activeAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String[] members = userIds.toArray(String[]::new);
        List<Double> scores = redis.sync().zmscore(RedisKeys.ACTIVE, members);
        List<String> active = new ArrayList<>(members.length);
        for (int i = 0; i < members.length; i++) {
            if (isActive(scores.get(i))) {
                active.add(members[i]);
            }
        }
        return active;
    }

    /** Drops the timelines of users who stopped reading; they are rebuilt when the user comes back. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropInactiveTimelines() {
        long cutoff = System.currentTimeMillis() - inactiveAfter.toMillis();
        List<String> gone = redis.sync().zrangebyscore(RedisKeys.ACTIVE, Range.create(0d, (double) cutoff));
        for (String userId : gone) {
            redis.sync().unlink(RedisKeys.timeline(userId), RedisKeys.reblogsSeen(userId));
            forget(userId);
        }
        if (!gone.isEmpty()) {
            LOG.infof("Dropped %d timelines of inactive readers", gone.size());
        }
    }
}
