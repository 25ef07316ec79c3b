package org.socialfeed.feed.timeline;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.account.SuspendedAccounts;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.Set;

/** Loads a reader's {@link ReaderFilter} from the graph replica: three small sets, fetched together. */
@ApplicationScoped
public class ReaderFilters {

    private final StatefulRedisConnection<String, String> redis;
    private final SuspendedAccounts suspended;

    public ReaderFilters(StatefulRedisConnection<String, String> redis, SuspendedAccounts suspended) {
        this.redis = redis;
        this.suspended = suspended;
    }

    public ReaderFilter forReader(String userId) {
        return fetch(redis.async(), userId).get();
    }

    /** Queues the reads; {@link Pending#get} waits for them. */
    public Pending fetch(RedisAsyncCommands<String, String> commands, String userId) {
        return new Pending(userId, commands.smembers(RedisKeys.muting(userId)),
                commands.smembers(RedisKeys.blocking(userId)), commands.smembers(RedisKeys.blockedBy(userId)));
    }

    /** A filter on its way from Redis. */
    public final class Pending {
        private final String userId;
        private final RedisFuture<Set<String>> muting;
        private final RedisFuture<Set<String>> blocking;
        private final RedisFuture<Set<String>> blockedBy;

        Pending(String userId, RedisFuture<Set<String>> muting, RedisFuture<Set<String>> blocking,
                RedisFuture<Set<String>> blockedBy) {
            this.userId = userId;
            this.muting = muting;
            this.blocking = blocking;
            this.blockedBy = blockedBy;
        }

        public ReaderFilter get() {
            return new ReaderFilter(userId, Redis.await(muting), Redis.await(blocking),
                    Redis.await(blockedBy), suspended);
        }
    }
}
