package org.socialfeed.feed.account;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.Set;

/**
 * Suspended accounts, hidden from every timeline at read time (so reinstating them shows their posts again). Kept in
 * a Redis set from users.events; each instance holds a copy refreshed every few seconds, so reads check it in memory.
 */
@ApplicationScoped
public class SuspendedAccounts {

    private final RedisConnection redis;
    private volatile Set<String> snapshot = Set.of();

    public SuspendedAccounts(RedisConnection redis) {
        this.redis = redis;
    }

    public void set(String userId, boolean suspended) {
        if (suspended) {
            redis.sync().sadd(RedisKeys.SUSPENDED, userId);
        } else {
            redis.sync().srem(RedisKeys.SUSPENDED, userId);
        }
        refresh();
    }

    public boolean isSuspended(String userId) {
        return snapshot.contains(userId);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        snapshot = Set.copyOf(redis.sync().smembers(RedisKeys.SUSPENDED));
    }
}
