package org.socialfeed.feed.post;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.LuaScript;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.mastodon.RenderablePost;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Like, repost and reply counts of cached posts, and whether the reader liked or reposted them. Each count moves
 * only when its member set changes, so an event applied twice counts once. The per-reader sets keep only posts young
 * enough to be in the post cache.
 */
@ApplicationScoped
public class PostStats {

    public static final String FAVOURITES = "fav";
    public static final String REBLOGS = "rb";
    public static final String REPLIES = "re";

    /**
     * KEYS: members by id (sorted set), counter, and optionally a plain set of the same members for lookups.
     * ARGV: member, 1 add / 0 remove, ttl seconds, oldest id kept, expire the members 1/0.
     */
    private static final LuaScript COUNT = new LuaScript("""
            local changed
            if ARGV[2] == '1' then
              changed = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
              if changed == 1 then
                redis.call('INCR', KEYS[2])
                if KEYS[3] then redis.call('SADD', KEYS[3], ARGV[1]) end
              end
            else
              changed = redis.call('ZREM', KEYS[1], ARGV[1])
              if changed == 1 then
                redis.call('DECR', KEYS[2])
                if KEYS[3] then redis.call('SREM', KEYS[3], ARGV[1]) end
              end
            end
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            for _, member in ipairs(old) do
              redis.call('ZREM', KEYS[1], member)
              if KEYS[3] then redis.call('SREM', KEYS[3], member) end
            end
            if ARGV[5] == '1' then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
            return changed
            """);

    private final RedisConnection redis;
    private final FeedConfig config;

    public PostStats(RedisConnection redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The counts of one post and the reader's own interactions with it. */
    public record Stats(long favourites, long reblogs, long replies, boolean favourited, boolean reblogged) {
        public static final Stats NONE = new Stats(0, 0, 0, false, false);

        public RenderablePost.Interactions interactions() {
            return new RenderablePost.Interactions(replies, reblogs, favourites, favourited, reblogged);
        }
    }

    public void like(String actorId, String postId, boolean liked) {
        count(new String[]{RedisKeys.likedByAge(actorId), RedisKeys.count(FAVOURITES, postId),
                RedisKeys.liked(actorId)}, postId, liked, false);
    }

    public void repost(String actorId, String postId, boolean reposted) {
        count(new String[]{RedisKeys.rebloggedByAge(actorId), RedisKeys.count(REBLOGS, postId),
                RedisKeys.reblogged(actorId)}, postId, reposted, false);
    }

    public void reply(String replyId, String postId, boolean added) {
        count(new String[]{RedisKeys.replyIds(postId), RedisKeys.count(REPLIES, postId)}, replyId, added, true);
    }

    private void count(String[] keys, String member, boolean add, boolean expireMembers) {
        long oldestKept = SnowflakeIds.floorAt(Instant.now().minus(config.postCacheTtl()));
        COUNT.run(redis, ScriptOutputType.INTEGER, keys, member, add ? "1" : "0",
                String.valueOf(config.postCacheTtl().toSeconds()), String.valueOf(oldestKept),
                expireMembers ? "1" : "0");
    }

    /** The stats of {@code postIds} for {@code viewerId}, read in one pipelined batch of three commands. */
    public CompletionStage<Map<String, Stats>> fetch(RedisClusterAsyncCommands<String, String> commands, String viewerId,
                                                     List<String> postIds) {
        if (postIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        String[] keys = new String[postIds.size() * 3];
        for (int i = 0; i < postIds.size(); i++) {
            keys[3 * i] = RedisKeys.count(FAVOURITES, postIds.get(i));
            keys[3 * i + 1] = RedisKeys.count(REBLOGS, postIds.get(i));
            keys[3 * i + 2] = RedisKeys.count(REPLIES, postIds.get(i));
        }
        String[] members = postIds.toArray(String[]::new);
        CompletableFuture<List<KeyValue<String, String>>> counts = commands.mget(keys).toCompletableFuture();
        CompletableFuture<List<Boolean>> liked = commands.smismember(RedisKeys.liked(viewerId), members)
                .toCompletableFuture();
        CompletableFuture<List<Boolean>> reblogged = commands.smismember(RedisKeys.reblogged(viewerId), members)
                .toCompletableFuture();
        return CompletableFuture.allOf(counts, liked, reblogged).thenApply(done -> {
            List<KeyValue<String, String>> values = counts.join();
            Map<String, Stats> stats = new HashMap<>(postIds.size() * 2);
            for (int i = 0; i < postIds.size(); i++) {
                stats.put(postIds.get(i), new Stats(number(values.get(3 * i)), number(values.get(3 * i + 1)),
                        number(values.get(3 * i + 2)), liked.join().get(i), reblogged.join().get(i)));
            }
            return stats;
        });
    }

    private static long number(KeyValue<String, String> value) {
        return value.hasValue() ? Math.max(0, Long.parseLong(value.getValue())) : 0;
    }
}
