package org.socialfeed.feed.redis;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;

import java.util.Map;
import java.util.TreeMap;

/**
 * Warns at startup if Redis would keep full timelines in the skiplist encoding (about 122 bytes an entry instead of
 * 21): {@code zset-max-ziplist-entries} (Redis 7: {@code zset-max-listpack-entries}) must exceed the timeline cap on
 * every node: on a Redis Cluster every primary and every replica, since a replica serves its primary's timelines
 * after a failover.
 */
@ApplicationScoped
public class CompactEncodingCheck {

    private static final Logger LOG = Logger.getLogger(CompactEncodingCheck.class);
    static final String SETTING = "zset-max-ziplist-entries";

    void onStart(@Observes StartupEvent event, RedisConnection redis, FeedConfig config) {
        try {
            Map<String, String> tooLow = nodesBelow(config.maxTimelineSize(), redis);
            if (!tooLow.isEmpty()) {
                LOG.warnf("Redis %s is not above the timeline cap %d on %s: full timelines there take about six "
                        + "times the memory. Set zset-max-ziplist-entries (zset-max-listpack-entries) to 1024 or more "
                        + "on every node.", SETTING, config.maxTimelineSize(), tooLow);
            }
        } catch (RuntimeException e) {
            LOG.infof("Cannot read Redis's zset encoding limit (CONFIG GET refused?): %s", e.getMessage());
        }
    }

    /** The nodes (address: their limit) whose compact-encoding limit is not above {@code timelineCap}. */
    static Map<String, String> nodesBelow(int timelineCap, RedisConnection redis) {
        Map<String, String> tooLow = new TreeMap<>(redis.configOnEveryNode(SETTING));
        tooLow.values().removeIf(limit -> limit == null || Long.parseLong(limit) > timelineCap);
        return tooLow;
    }
}
