package org.socialfeed.feed.post;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
import java.util.concurrent.ExecutionException;

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

    /** KEYS: member set, counter. ARGV: member, 1 add / 0 remove, ttl seconds, oldest score kept, expire set 1/0. */
    private static final LuaScript COUNT = new LuaScript("""
            local changed
            if ARGV[2] == '1' then
              changed = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
              if changed == 1 then redis.call('INCR', KEYS[2]) end
            else
              changed = redis.call('ZREM', KEYS[1], ARGV[1])
              if changed == 1 then redis.call('DECR', KEYS[2]) end
            end
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            if ARGV[5] == '1' then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
            return changed
            """);

    private final StatefulRedisConnection<String, String> redis;
    private final FeedConfig config;

    public PostStats(StatefulRedisConnection<String, String> redis, FeedConfig config) {
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
        count(RedisKeys.liked(actorId), RedisKeys.count(FAVOURITES, postId), postId, liked, false);
    }

    public void repost(String actorId, String postId, boolean reposted) {
        count(RedisKeys.reblogged(actorId), RedisKeys.count(REBLOGS, postId), postId, reposted, false);
    }

    public void reply(String replyId, String postId, boolean added) {
        count(RedisKeys.replyIds(postId), RedisKeys.count(REPLIES, postId), replyId, added, true);
    }

    private void count(String members, String counter, String member, boolean add, boolean expireMembers) {
        long oldestKept = SnowflakeIds.floorAt(Instant.now().minus(config.postCacheTtl()));
        COUNT.run(redis, ScriptOutputType.INTEGER, new String[]{members, counter}, member, add ? "1" : "0",
                String.valueOf(config.postCacheTtl().toSeconds()), String.valueOf(oldestKept),
                expireMembers ? "1" : "0");
    }

    /** Queued reads of the stats of {@code postIds} for {@code viewerId}; {@link Pending#get} waits for them. */
    public Pending fetch(RedisAsyncCommands<String, String> commands, String viewerId, List<String> postIds) {
        if (postIds.isEmpty()) {
            return new Pending(postIds, null, null, null);
        }
        List<String> keys = new ArrayList<>(postIds.size() * 3);
        for (String id : postIds) {
            keys.add(RedisKeys.count(FAVOURITES, id));
            keys.add(RedisKeys.count(REBLOGS, id));
            keys.add(RedisKeys.count(REPLIES, id));
        }
        String[] members = postIds.toArray(String[]::new);
        return new Pending(postIds, commands.mget(keys.toArray(String[]::new)),
                commands.zmscore(RedisKeys.liked(viewerId), members),
                commands.zmscore(RedisKeys.reblogged(viewerId), members));
    }

    /** Stats on their way from Redis. */
    public record Pending(List<String> postIds, RedisFuture<List<KeyValue<String, String>>> counts,
                          RedisFuture<List<Double>> liked, RedisFuture<List<Double>> reblogged) {

        public Map<String, Stats> get() {
            Map<String, Stats> stats = new HashMap<>();
            if (counts == null) {
                return stats;
            }
            try {
                List<KeyValue<String, String>> values = counts.get();
                List<Double> likedScores = liked.get();
                List<Double> rebloggedScores = reblogged.get();
                for (int i = 0; i < postIds.size(); i++) {
                    stats.put(postIds.get(i), new Stats(number(values.get(3 * i)), number(values.get(3 * i + 1)),
                            number(values.get(3 * i + 2)), likedScores.get(i) != null,
                            rebloggedScores.get(i) != null));
                }
                return stats;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Reading post stats failed", e.getCause());
            }
        }

        private static long number(KeyValue<String, String> value) {
            return value.hasValue() ? Math.max(0, Long.parseLong(value.getValue())) : 0;
        }
    }
}
