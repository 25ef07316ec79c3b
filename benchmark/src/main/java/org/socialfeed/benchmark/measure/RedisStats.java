package org.socialfeed.benchmark.measure;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the harness reads from the services' Redis without knowing feed-service's key names: how many ZADD calls it
 * has executed (INFO commandstats; a fan-out insert is one ZADD, whether sent alone, pipelined or from a script) and
 * how much memory sorted sets take per entry (MEMORY USAGE over ZCARD on a sample of keys).
 */
public final class RedisStats implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    public RedisStats(String redisUri) {
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    public long zaddCalls() {
        return commandCalls(redis.info("commandstats"), "zadd");
    }

    /** The {@code calls} of {@code cmdstat_<command>} in an INFO commandstats answer; 0 if never called. */
    static long commandCalls(String info, String command) {
        String prefix = "cmdstat_" + command + ":";
        for (String line : info.split("\\R")) {
            if (line.startsWith(prefix)) {
                for (String field : line.substring(prefix.length()).split(",")) {
                    if (field.startsWith("calls=")) {
                        return Long.parseLong(field.substring("calls=".length()).trim());
                    }
                }
            }
        }
        return 0;
    }

    /** Memory of the sorted sets whose keys match the timeline pattern. */
    public record TimelineMemory(long keysSampled, long entriesSampled, long bytesSampled, double bytesPerEntry,
                                 double meanEntriesPerKey, Map<String, Long> encodings, long usedMemoryBytes) {
    }

    /**
     * Adds {@code count} synthetic account ids from {@code firstId} to the sorted set feed-service's fan-out consults
     * for active readers (member = user id, score = last read in epoch millis), pipelined; returns how many.
     */
    public long markActive(String key, long firstId, int count) {
        long now = System.currentTimeMillis();
        int batch = 10_000;
        for (int from = 0; from < count; from += batch) {
            io.lettuce.core.ScoredValue<String>[] values = new io.lettuce.core.ScoredValue[Math.min(batch, count - from)];
            for (int i = 0; i < values.length; i++) {
                values[i] = io.lettuce.core.ScoredValue.just(now, Long.toString(firstId + from + i));
            }
            redis.zadd(key, (Object[]) values);
        }
        return count;
    }

    public TimelineMemory timelineMemory(String pattern, int maxKeys) {
        long keys = 0;
        long entries = 0;
        long bytes = 0;
        Map<String, Long> encodings = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        KeyScanArgs args = KeyScanArgs.Builder.limit(1000).type("zset").match(pattern);
        do {
            KeyScanCursor<String> page = redis.scan(cursor, args);
            for (String key : page.getKeys()) {
                if (keys >= maxKeys) {
                    break;
                }
                Long size = redis.zcard(key);
                Long usage = redis.memoryUsage(key);
                if (size == null || size == 0 || usage == null) {
                    continue;
                }
                keys++;
                entries += size;
                bytes += usage;
                encodings.merge(redis.objectEncoding(key), 1L, Long::sum);
            }
            cursor = page;
        } while (!cursor.isFinished() && keys < maxKeys);
        long used = commandField(redis.info("memory"), "used_memory");
        return new TimelineMemory(keys, entries, bytes, entries == 0 ? 0 : bytes / (double) entries,
                keys == 0 ? 0 : entries / (double) keys, encodings, used);
    }

    static long commandField(String info, String name) {
        for (String line : info.split("\\R")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
