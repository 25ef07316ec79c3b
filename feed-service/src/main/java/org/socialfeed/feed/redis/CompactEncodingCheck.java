package org.socialfeed.feed.redis;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;

import java.util.Map;

/**
 * Warns at startup if Redis would keep full timelines in the skiplist encoding (about 122 bytes an entry instead of
 * 21): {@code zset-max-ziplist-entries} (Redis 7: {@code zset-max-listpack-entries}) must exceed the timeline cap.
 */
@ApplicationScoped
public class CompactEncodingCheck {

    private static final Logger LOG = Logger.getLogger(CompactEncodingCheck.class);

    void onStart(@Observes StartupEvent event, RedisConnection redis, FeedConfig config) {
        try {
            Map<String, String> settings = redis.sync().configGet("zset-max-ziplist-entries");
            String limit = settings.values().stream().findFirst().orElse(null);
            if (limit != null && Long.parseLong(limit) <= config.maxTimelineSize()) {
                LOG.warnf("Redis zset-max-ziplist-entries is %s, not above the timeline cap %d: full timelines "
                        + "take about six times the memory. Set zset-max-ziplist-entries (zset-max-listpack-entries) "
                        + "to 1024 or more.", limit, config.maxTimelineSize());
            }
        } catch (RuntimeException e) {
            LOG.infof("Cannot read Redis's zset encoding limit (CONFIG GET refused?): %s", e.getMessage());
        }
    }
}
