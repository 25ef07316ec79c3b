package org.socialfeed.feed.post;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.redis.LuaScript;
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

    /** The counts' places in a post's packed counts. */
    private static final String FAVOURITES = "1";
    private static final String REBLOGS = "2";
    private static final String REPLIES = "3";

    /**
     * Records a member once: KEYS: members by id (sorted set), and optionally a plain set of the same members for
     * lookups, both of one user or of one post (one cluster slot). ARGV: member, 1 add / 0 remove, ttl seconds, oldest
     * id kept, expire the members 1/0. Returns 1 when the membership changed, so the counter moves only then.
     */
    private static final LuaScript RECORD = new LuaScript("""
            local changed
            if ARGV[2] == '1' then
              changed = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
              if changed == 1 and KEYS[2] then redis.call('SADD', KEYS[2], ARGV[1]) end
            else
              changed = redis.call('ZREM', KEYS[1], ARGV[1])
              if changed == 1 and KEYS[2] then redis.call('SREM', KEYS[2], ARGV[1]) end
            end
            local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            for _, member in ipairs(old) do
              redis.call('ZREM', KEYS[1], member)
              if KEYS[2] then redis.call('SREM', KEYS[2], member) end
            end
            if ARGV[5] == '1' then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
            return changed
            """);
    /**
     * Moves one of a post's three counts, kept together as "likes reposts replies" in one string so that a page reads
     * each post's counts as one value. KEYS: the post's counts. ARGV: which count (1 likes, 2 reposts, 3 replies), by
     * how much, ttl seconds.
     */
    private static final LuaScript ADJUST = new LuaScript("""
            local counts = {0, 0, 0}
            local packed = redis.call('GET', KEYS[1])
            if packed then
              local i = 1
              for n in string.gmatch(packed, '%-?%d+') do counts[i] = tonumber(n); i = i + 1 end
            end
            local which = tonumber(ARGV[1])
            counts[which] = counts[which] + tonumber(ARGV[2])
            redis.call('SET', KEYS[1], counts[1] .. ' ' .. counts[2] .. ' ' .. counts[3], 'EX', ARGV[3])
            return counts[which]
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
        count(new String[]{RedisKeys.likedByAge(actorId), RedisKeys.liked(actorId)}, postId, liked, false,
                postId, FAVOURITES);
    }

    public void repost(String actorId, String postId, boolean reposted) {
        count(new String[]{RedisKeys.rebloggedByAge(actorId), RedisKeys.reblogged(actorId)}, postId, reposted, false,
                postId, REBLOGS);
    }

    public void reply(String replyId, String postId, boolean added) {
        count(new String[]{RedisKeys.replyIds(postId)}, replyId, added, true, postId, REPLIES);
    }

    /**
     * Records the member, then moves the counter if the membership changed: two steps, as the members may live in
     * another cluster slot than the counter (a user's likes, a post's count). An instance dying between them leaves
     * the count one short until the post leaves the cache or the state is replayed; never counted twice.
     */
    private void count(String[] memberKeys, String member, boolean add, boolean expireMembers, String postId,
                       String which) {
        long oldestKept = SnowflakeIds.floorAt(Instant.now().minus(config.postCacheTtl()));
        String ttl = String.valueOf(config.postCacheTtl().toSeconds());
        Long changed = RECORD.run(redis, ScriptOutputType.INTEGER, memberKeys, member, add ? "1" : "0", ttl,
                String.valueOf(oldestKept), expireMembers ? "1" : "0");
        if (changed != null && changed == 1) {
            ADJUST.run(redis, ScriptOutputType.INTEGER, new String[]{RedisKeys.counts(postId)}, which,
                    add ? "1" : "-1", ttl);
        }
    }

    /** The stats of {@code postIds} for {@code viewerId}, read in one pipelined batch of three commands (one value per post for its counts). */
    public CompletionStage<Map<String, Stats>> fetch(RedisClusterAsyncCommands<String, String> commands, String viewerId,
                                                     List<String> postIds) {
        if (postIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        String[] members = postIds.toArray(String[]::new);
        CompletableFuture<List<long[]>> counts = counts(commands, postIds);
        CompletableFuture<List<Boolean>> liked = commands.smismember(RedisKeys.liked(viewerId), members)
                .toCompletableFuture();
        CompletableFuture<List<Boolean>> reblogged = commands.smismember(RedisKeys.reblogged(viewerId), members)
                .toCompletableFuture();
        return CompletableFuture.allOf(counts, liked, reblogged).thenApply(done -> {
            Map<String, Stats> stats = new HashMap<>(postIds.size() * 2);
            for (int i = 0; i < postIds.size(); i++) {
                long[] postCounts = counts.join().get(i);
                stats.put(postIds.get(i), new Stats(postCounts[0], postCounts[1], postCounts[2], liked.join().get(i),
                        reblogged.join().get(i)));
            }
            return stats;
        });
    }

    /**
     * Queues one {@code MGET} of the posts' packed counts: likes, reposts and replies of each, in the order asked
     * (what ranking needs of its candidates, with no viewer's flags).
     */
    public CompletableFuture<List<long[]>> counts(RedisClusterAsyncCommands<String, String> commands,
                                                  List<String> postIds) {
        if (postIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return commands.mget(postIds.stream().map(RedisKeys::counts).toArray(String[]::new)).toCompletableFuture()
                .thenApply(values -> values.stream().map(PostStats::unpack).toList());
    }

    /** Likes, reposts and replies from a post's packed counts (none if it has none), never below zero. */
    private static long[] unpack(KeyValue<String, String> value) {
        long[] counts = new long[3];
        if (value.hasValue()) {
            String[] parts = value.getValue().split(" ", 3);
            for (int i = 0; i < parts.length; i++) {
                counts[i] = Math.max(0, Long.parseLong(parts[i]));
            }
        }
        return counts;
    }
}
