package org.socialfeed.notification.replica;

import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes to the Redis read model of notifications (ADR 18), made after MongoDB's. A write that fails (Redis down) is
 * logged, not thrown, so the event's other effects (push records, live streams, webhooks) still happen; the keys it
 * would have changed are remembered and deleted before the next write that reaches Redis, so reads find them missing
 * and rebuild them from MongoDB. What is remembered is lost if the service stops before Redis is back.
 */
@ApplicationScoped
public class ReadModelWrites {

    private static final Logger LOG = Logger.getLogger(ReadModelWrites.class);

    private final RedisClusterCommands<String, String> redis;
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    public ReadModelWrites(RedisConnection redis) {
        this.redis = redis.sync();
    }

    /** Runs {@code write} against Redis; if it fails, {@code keys} are dropped once Redis answers again. */
    public void apply(Runnable write, String... keys) {
        try {
            dropStale();
            write.run();
        } catch (RuntimeException e) {
            LOG.warnf("Redis read model not updated (%s), dropping %s once Redis answers", e.getMessage(),
                    List.of(keys));
            stale.addAll(List.of(keys));
        }
    }

    /**
     * Runs {@code write} as {@link #apply} does, unless an earlier failed write left any of {@code keys} to be
     * dropped: for a write that claims the keys complete, which they are not until they are rebuilt.
     */
    public void applyIfCurrent(Runnable write, String... keys) {
        if (List.of(keys).stream().noneMatch(stale::contains)) {
            apply(write, keys);
        }
    }

    private void dropStale() {
        if (!stale.isEmpty()) {
            List<String> keys = List.copyOf(stale);
            redis.del(keys.toArray(String[]::new));
            stale.removeAll(keys);
        }
    }
}
