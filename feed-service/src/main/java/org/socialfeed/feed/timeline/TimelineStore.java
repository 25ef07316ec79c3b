package org.socialfeed.feed.timeline;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.redis.LuaScript;
import org.socialfeed.feed.redis.Pipeline;
import org.socialfeed.feed.redis.Pipelines;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis mechanics of home timelines: one sorted set per user, member = status id, score = the same id (ids are
 * below 2^53, so the double holds them exactly), capped at {@code max-timeline-size} so it stays in Redis's compact
 * encoding. Writes to many timelines go through the pipelined connection in batches.
 */
@ApplicationScoped
public class TimelineStore {

    /**
     * Adds a repost unless its original, or another repost of it, is among the newest {@code falloff} entries
     * (Mastodon's REBLOG_FALLOFF). KEYS: timeline, reposted-originals hash. ARGV: repost id, original id, falloff, cap.
     * Returns 1 if added. A repeated delivery finds the repost already there and changes nothing.
     */
    private static final LuaScript ADD_REPOST = new LuaScript("""
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
            local falloff = tonumber(ARGV[3])
            local function recent(member)
              local rank = redis.call('ZREVRANK', KEYS[1], member)
              return rank and rank < falloff
            end
            if recent(ARGV[2]) then return 0 end
            local seen = redis.call('HGET', KEYS[2], ARGV[2])
            if seen and recent(seen) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[4]) + 1))
            if redis.call('HLEN', KEYS[2]) > 2 * falloff then
              local all = redis.call('HGETALL', KEYS[2])
              for i = 1, #all, 2 do
                if not recent(all[i + 1]) then redis.call('HDEL', KEYS[2], all[i]) end
              end
            end
            return 1
            """);

    /**
     * Adds posts to one timeline, each with its id as score, trimming it to the cap whenever it grows past it (so it
     * never outgrows Redis's compact encoding, which a sorted set does not return to). KEYS: timeline. ARGV: cap,
     * post ids. One ZADD per post, so Redis's ZADD count still counts timeline inserts (the benchmark reads it).
     */
    private static final LuaScript ADD_TRIMMED = new LuaScript("""
            local cap = tonumber(ARGV[1])
            for i = 2, #ARGV do
              redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i])
              if redis.call('ZCARD', KEYS[1]) > cap then
                redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(cap + 1))
              end
            end
            return 0
            """);

    private final RedisConnection redis;
    private final Pipelines pipelines;
    private final FeedConfig config;

    public TimelineStore(RedisConnection redis, Pipelines pipelines, FeedConfig config) {
        this.redis = redis;
        this.pipelines = pipelines;
        this.config = config;
    }

    /**
     * Inserts each post into its readers' timelines ({@code readersByPost}) and trims each to the cap: one command
     * per reader for all of the reader's posts (the cost of fan-out is in sending commands, not in Redis).
     */
    public void insert(Map<String, ? extends Collection<String>> readersByPost) {
        Map<String, List<String>> postsByReader = new HashMap<>();
        readersByPost.forEach((postId, userIds) -> userIds.forEach(userId -> postsByReader
                .computeIfAbsent(userId, reader -> new ArrayList<>(1)).add(postId)));
        String cap = String.valueOf(config.maxTimelineSize());
        Pipeline pipeline = pipelines.open();
        postsByReader.forEach((userId, postIds) -> {
            String[] keys = {RedisKeys.timeline(userId)};
            String[] args = new String[postIds.size() + 1];
            args[0] = cap;
            for (int i = 0; i < postIds.size(); i++) {
                args[i + 1] = postIds.get(i);
            }
            pipeline.add(commands -> ADD_TRIMMED.queue(commands, ScriptOutputType.INTEGER, keys, args));
        });
        pipeline.sync();
    }

    /** Inserts many posts into one timeline (a backfill or a rebuild) in one command, then trims. */
    public void insertAll(String userId, Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        String key = RedisKeys.timeline(userId);
        List<ScoredValue<String>> values = new ArrayList<>(postIds.size());
        for (String id : postIds) {
            values.add(ScoredValue.just(Double.parseDouble(id), id));
        }
        redis.sync().zadd(key, values.toArray(ScoredValue[]::new));
        redis.sync().zremrangebyrank(key, 0, -(config.maxTimelineSize() + 1L));
    }

    /** Inserts a repost into many timelines, each de-duplicated on its own; returns the users it was added for. */
    public List<String> insertRepost(List<String> userIds, String repostId, String originalId) {
        Pipeline pipeline = pipelines.open();
        List<RedisFuture<Long>> added = new ArrayList<>(userIds.size());
        String falloff = String.valueOf(config.reblogFalloff());
        String cap = String.valueOf(config.maxTimelineSize());
        for (String userId : userIds) {
            String[] keys = {RedisKeys.timeline(userId), RedisKeys.reblogsSeen(userId)};
            added.add(pipeline.add(commands -> ADD_REPOST.queue(commands, ScriptOutputType.INTEGER, keys,
                    repostId, originalId, falloff, cap)));
        }
        pipeline.sync();
        List<String> receivers = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (Long.valueOf(1).equals(Redis.await(added.get(i)))) {
                receivers.add(userIds.get(i));
            }
        }
        return receivers;
    }

    /** Removes entries from many timelines. */
    public void remove(Collection<String> userIds, String... postIds) {
        Pipeline pipeline = pipelines.open();
        for (String userId : userIds) {
            pipeline.add(commands -> commands.zrem(RedisKeys.timeline(userId), postIds));
        }
        pipeline.sync();
    }

    /** Every entry of a timeline, newest first. */
    public List<String> all(String userId) {
        return redis.sync().zrevrange(RedisKeys.timeline(userId), 0, -1);
    }

    public boolean contains(String userId, String postId) {
        return redis.sync().zscore(RedisKeys.timeline(userId), postId) != null;
    }

    /** Queues a read of one page of the timeline: ids within the bounds, newest first unless reading upward. */
    public RedisFuture<List<String>> range(RedisClusterAsyncCommands<String, String> commands, String userId,
                                           Range<Long> bounds, int limit, boolean upward) {
        String key = RedisKeys.timeline(userId);
        return upward ? commands.zrangebyscore(key, bounds, Limit.create(0, limit))
                : commands.zrevrangebyscore(key, bounds, Limit.create(0, limit));
    }
}
