package org.socialfeed.feed.timeline;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Each author's recent home-worthy posts and reposts (a capped sorted set): what a new follower is backfilled with,
 * what a cold timeline is rebuilt from, and what celebrities' followers get merged in at read time.
 */
@ApplicationScoped
public class AuthorPosts {

    private final RedisConnection redis;
    private final int kept;

    public AuthorPosts(RedisConnection redis, FeedConfig config) {
        this.redis = redis;
        this.kept = config.recentPostsPerAuthor();
    }

    /**
     * Adds each post to its author's list and trims the lists to the newest {@code kept}, in one round trip for all
     * of them (each trim sent behind its add).
     */
    public void addAll(List<CachedPost> posts) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        List<RedisFuture<Long>> sent = new ArrayList<>(posts.size() * 2);
        for (CachedPost post : posts) {
            String key = RedisKeys.recent(post.authorId());
            sent.add(commands.zadd(key, Double.parseDouble(post.id()), post.id()));
            sent.add(commands.zremrangebyrank(key, 0, -(kept + 1L)));
        }
        sent.forEach(Redis::await);
    }

    public void remove(String authorId, String postId) {
        redis.sync().zrem(RedisKeys.recent(authorId), postId);
    }

    /** The newest {@code count} entries of the author, newest first. */
    public List<String> latest(String authorId, int count) {
        return redis.sync().zrevrange(RedisKeys.recent(authorId), 0, count - 1L);
    }

    /** Queues a range read of one author's entries within a page's bounds. */
    public RedisFuture<List<String>> range(RedisClusterAsyncCommands<String, String> commands, String authorId,
                                           Range<Long> bounds, int limit, boolean upward) {
        String key = RedisKeys.recent(authorId);
        return upward ? commands.zrangebyscore(key, bounds, Limit.create(0, limit))
                : commands.zrevrangebyscore(key, bounds, Limit.create(0, limit));
    }
}
