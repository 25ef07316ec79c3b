package org.socialfeed.feed.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.SlotHash;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.redis.RedisConnection;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The marks that feed-service's Redis state is complete: written at the end of a recovery; a missing one means Redis
 * lost state (first start, restart without persistence, FLUSHALL, eviction) and starts a replay from Kafka (ADR 6).
 * On a Redis Cluster one node can lose its keys alone, so there is one marker per stretch of
 * {@value #SLOTS_PER_MARKER} hash slots, each hash-tagged into its stretch: every primary that owns at least that
 * many slots in a row holds one, and its flush shows. On one node the markers are simply {@value #MARKERS} keys.
 */
@ApplicationScoped
public class StateMarkers {

    static final int MARKERS = 64;
    static final int SLOTS_PER_MARKER = SlotHash.SLOT_COUNT / MARKERS;

    private final RedisConnection redis;
    private final String[] keys = markerKeys();

    public StateMarkers(RedisConnection redis) {
        this.redis = redis;
    }

    /** One marker name per stretch of slots: the first short tags found whose slot falls in each stretch. */
    static String[] markerKeys() {
        String[] keys = new String[MARKERS];
        int found = 0;
        for (int i = 0; found < MARKERS; i++) {
            String tag = "m" + i;
            int stretch = SlotHash.getSlot(tag) / SLOTS_PER_MARKER;
            if (keys[stretch] == null) {
                keys[stretch] = RedisKeys.stateMarker(tag);
                found++;
            }
        }
        return keys;
    }

    /** Whether every marker is there (on a cluster, one small {@code EXISTS} per stretch). */
    public boolean allPresent() {
        return redis.sync().exists(keys) == keys.length;
    }

    /** Writes every marker, pipelined, and waits for all of them. */
    public void writeAll() {
        String recoveredAt = Instant.now().toString();
        List<RedisFuture<Boolean>> writes = Arrays.stream(keys)
                .map(key -> redis.async().hset(key, "recovered-at", recoveredAt)).toList();
        writes.forEach(Redis::await);
    }
}
