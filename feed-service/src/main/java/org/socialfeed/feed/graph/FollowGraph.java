package org.socialfeed.feed.graph;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.redis.Pipeline;
import org.socialfeed.feed.redis.Pipelines;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * feed-service's replica of the social graph (follows, blocks, mutes) in Redis sets, kept from follows.events, so
 * fan-out never asks user-service who follows whom. Every change is a set add or remove: applying an event twice
 * changes nothing.
 */
@ApplicationScoped
public class FollowGraph {

    private final StatefulRedisConnection<String, String> redis;
    private final Pipelines pipelines;

    public FollowGraph(StatefulRedisConnection<String, String> redis, Pipelines pipelines) {
        this.redis = redis;
        this.pipelines = pipelines;
    }

    /** Records follows in one pipeline, in order (a later option change of the same follow wins). */
    public void followAll(List<Follow> follows) {
        Pipeline pipeline = pipelines.open();
        for (Follow follow : follows) {
            String followerId = follow.followerId();
            String followeeId = follow.followeeId();
            pipeline.add(commands -> commands.sadd(RedisKeys.followers(followeeId), followerId));
            pipeline.add(commands -> commands.sadd(RedisKeys.following(followerId), followeeId));
            pipeline.add(commands -> follow.showReblogs()
                    ? commands.srem(RedisKeys.hidingReblogs(followeeId), followerId)
                    : commands.sadd(RedisKeys.hidingReblogs(followeeId), followerId));
        }
        pipeline.sync();
    }

    public void unfollow(String followerId, String followeeId) {
        RedisCommands<String, String> commands = redis.sync();
        commands.srem(RedisKeys.followers(followeeId), followerId);
        commands.srem(RedisKeys.following(followerId), followeeId);
        commands.srem(RedisKeys.hidingReblogs(followeeId), followerId);
    }

    public void block(String blockerId, String blockedId, boolean blocking) {
        RedisCommands<String, String> commands = redis.sync();
        if (blocking) {
            commands.sadd(RedisKeys.blocking(blockerId), blockedId);
            commands.sadd(RedisKeys.blockedBy(blockedId), blockerId);
        } else {
            commands.srem(RedisKeys.blocking(blockerId), blockedId);
            commands.srem(RedisKeys.blockedBy(blockedId), blockerId);
        }
    }

    public void mute(String muterId, String mutedId, boolean muting) {
        RedisCommands<String, String> commands = redis.sync();
        if (muting) {
            commands.sadd(RedisKeys.muting(muterId), mutedId);
            commands.sadd(RedisKeys.mutedBy(mutedId), muterId);
        } else {
            commands.srem(RedisKeys.muting(muterId), mutedId);
            commands.srem(RedisKeys.mutedBy(mutedId), muterId);
        }
    }

    /** Follower counts of many accounts in one round trip. */
    public Map<String, Long> followerCounts(Collection<String> accountIds) {
        RedisAsyncCommands<String, String> commands = redis.async();
        Map<String, RedisFuture<Long>> counts = new HashMap<>();
        accountIds.forEach(id -> counts.put(id, commands.scard(RedisKeys.followers(id))));
        Map<String, Long> result = new HashMap<>();
        counts.forEach((id, count) -> result.put(id, Redis.await(count)));
        return result;
    }

    public boolean follows(String followerId, String followeeId) {
        return redis.sync().sismember(RedisKeys.followers(followeeId), followerId);
    }

    /** Who should get {@code authorId}'s posts: followers, less those who muted the author. */
    public Set<String> audienceOfPosts(String authorId) {
        return redis.sync().sdiff(RedisKeys.followers(authorId), RedisKeys.mutedBy(authorId));
    }

    /** Followers of {@code authorId} who also follow {@code repliedToId}: the audience of a reply to someone else. */
    public Set<String> audienceOfReply(String authorId, String repliedToId) {
        Set<String> audience = redis.sync().sinter(RedisKeys.followers(authorId), RedisKeys.followers(repliedToId));
        audience.removeAll(redis.sync().smembers(RedisKeys.mutedBy(authorId)));
        return audience;
    }

    /**
     * Who should get {@code actorId}'s repost of {@code originalAuthorId}'s post: the actor's followers, less those
     * who hide the actor's reposts, muted either account, or are on either side of a block with the original's author.
     */
    public Set<String> audienceOfRepost(String actorId, String originalAuthorId) {
        return redis.sync().sdiff(RedisKeys.followers(actorId), RedisKeys.hidingReblogs(actorId),
                RedisKeys.mutedBy(actorId), RedisKeys.mutedBy(originalAuthorId),
                RedisKeys.blocking(originalAuthorId), RedisKeys.blockedBy(originalAuthorId));
    }

    /** Accounts {@code userId} follows, less the celebrities (whose posts are merged at read time). */
    public Set<String> fannedOutFollowees(String userId) {
        return redis.sync().sdiff(RedisKeys.following(userId), RedisKeys.CELEBRITIES);
    }

    public Set<String> following(String userId) {
        return redis.sync().smembers(RedisKeys.following(userId));
    }

    public boolean hidesReblogsOf(String userId, String followeeId) {
        return redis.sync().sismember(RedisKeys.hidingReblogs(followeeId), userId);
    }
}
