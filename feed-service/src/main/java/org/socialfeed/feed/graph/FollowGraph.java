package org.socialfeed.feed.graph;

import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.redis.Pipeline;
import org.socialfeed.feed.redis.Pipelines;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

    private final RedisConnection redis;
    private final Pipelines pipelines;

    public FollowGraph(RedisConnection redis, Pipelines pipelines) {
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
        RedisClusterCommands<String, String> commands = redis.sync();
        commands.srem(RedisKeys.followers(followeeId), followerId);
        commands.srem(RedisKeys.following(followerId), followeeId);
        commands.srem(RedisKeys.hidingReblogs(followeeId), followerId);
    }

    public void block(String blockerId, String blockedId, boolean blocking) {
        RedisClusterCommands<String, String> commands = redis.sync();
        if (blocking) {
            commands.sadd(RedisKeys.blocking(blockerId), blockedId);
            commands.sadd(RedisKeys.blockedBy(blockedId), blockerId);
        } else {
            commands.srem(RedisKeys.blocking(blockerId), blockedId);
            commands.srem(RedisKeys.blockedBy(blockedId), blockerId);
        }
    }

    public void mute(String muterId, String mutedId, boolean muting) {
        RedisClusterCommands<String, String> commands = redis.sync();
        if (muting) {
            commands.sadd(RedisKeys.muting(muterId), mutedId);
            commands.sadd(RedisKeys.mutedBy(mutedId), muterId);
        } else {
            commands.srem(RedisKeys.muting(muterId), mutedId);
            commands.srem(RedisKeys.mutedBy(mutedId), muterId);
        }
    }

    public Set<String> followers(String accountId) {
        return redis.sync().smembers(RedisKeys.followers(accountId));
    }

    /** Follower counts of many accounts in one round trip. */
    public Map<String, Long> followerCounts(Collection<String> accountIds) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        Map<String, RedisFuture<Long>> counts = new HashMap<>();
        accountIds.forEach(id -> counts.put(id, commands.scard(RedisKeys.followers(id))));
        Map<String, Long> result = new HashMap<>();
        counts.forEach((id, count) -> result.put(id, Redis.await(count)));
        return result;
    }

    public boolean follows(String followerId, String followeeId) {
        return redis.sync().sismember(RedisKeys.followers(followeeId), followerId);
    }

    /**
     * The author's followers as the home policy sees them: for each, how they relate to every account the entry
     * involves. One pipelined round trip of set intersections with the follower set, so no answer is larger than the
     * audience however popular the accounts replied to or mentioned are.
     */
    public List<Reader> followersOf(HomeEntry entry) {
        String followers = RedisKeys.followers(entry.authorId());
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        RedisFuture<Set<String>> all = commands.smembers(followers);
        Map<String, RedisFuture<Set<String>>> following = new HashMap<>();
        Map<String, RedisFuture<Set<String>>> muting = new HashMap<>();
        Map<String, RedisFuture<Set<String>>> blocking = new HashMap<>();
        Map<String, RedisFuture<Set<String>>> blockedBy = new HashMap<>();
        for (String account : entry.followChecks()) {
            if (!account.equals(entry.authorId())) { // every follower follows the author
                following.put(account, commands.sinter(followers, RedisKeys.followers(account)));
            }
        }
        for (String account : entry.accounts()) {
            muting.put(account, commands.sinter(followers, RedisKeys.mutedBy(account)));
            blocking.put(account, commands.sinter(followers, RedisKeys.blockedBy(account)));
            blockedBy.put(account, commands.sinter(followers, RedisKeys.blocking(account)));
        }
        Map<String, RedisFuture<Set<String>>> hiding = entry.isRepost()
                ? Map.of(entry.authorId(), commands.sinter(followers, RedisKeys.hidingReblogs(entry.authorId())))
                : Map.of();
        Map<String, Set<String>> followingBy = byReader(following);
        Map<String, Set<String>> mutingBy = byReader(muting);
        Map<String, Set<String>> blockingBy = byReader(blocking);
        Map<String, Set<String>> blockedByBy = byReader(blockedBy);
        Map<String, Set<String>> hidingBy = byReader(hiding);
        List<Reader> readers = new ArrayList<>();
        for (String id : Redis.await(all)) {
            Set<String> followed = new HashSet<>(followingBy.getOrDefault(id, Set.of()));
            followed.add(entry.authorId());
            readers.add(new Reader(id, followed, mutingBy.getOrDefault(id, Set.of()),
                    blockingBy.getOrDefault(id, Set.of()), blockedByBy.getOrDefault(id, Set.of()),
                    hidingBy.getOrDefault(id, Set.of())));
        }
        return readers;
    }

    /** Turns "readers related to each account" into "accounts each reader is related to". */
    private static Map<String, Set<String>> byReader(Map<String, RedisFuture<Set<String>>> readersByAccount) {
        Map<String, Set<String>> accountsByReader = new HashMap<>();
        readersByAccount.forEach((account, readers) -> Redis.await(readers).forEach(reader ->
                accountsByReader.computeIfAbsent(reader, ignored -> new HashSet<>()).add(account)));
        return accountsByReader;
    }

    /** Accounts {@code userId} follows, less the celebrities (whose posts are merged at read time). */
    public Set<String> fannedOutFollowees(String userId) {
        return redis.sync().sdiff(RedisKeys.following(userId), RedisKeys.CELEBRITIES);
    }

    public Set<String> following(String userId) {
        return redis.sync().smembers(RedisKeys.following(userId));
    }
}
