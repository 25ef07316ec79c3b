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
        commands.srem(RedisKeys.followedCelebrities(followerId), followeeId);
    }

    /** Adds a celebrity to what each of the readers merges at read time, in one pipeline. */
    public void addFollowedCelebrity(Collection<String> readerIds, String celebrityId) {
        Pipeline pipeline = pipelines.open();
        for (String readerId : readerIds) {
            pipeline.add(commands -> commands.sadd(RedisKeys.followedCelebrities(readerId), celebrityId));
        }
        pipeline.sync();
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
     * Each entry's author's followers as the home policy sees them: for each, how they relate to every account the
     * entry involves. Two round trips for all the entries: the followers, then one pipelined membership check of
     * them per related set ({@code SMISMEMBER}, one key each, so it runs on a cluster), so no answer is larger than
     * an audience however popular the accounts replied to or mentioned are.
     */
    public List<List<Reader>> followersOf(List<HomeEntry> entries) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        List<RedisFuture<Set<String>>> followerSets = entries.stream()
                .map(entry -> commands.smembers(RedisKeys.followers(entry.authorId()))).toList();
        List<Audience> audiences = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            audiences.add(new Audience(entries.get(i), Redis.await(followerSets.get(i)).toArray(String[]::new),
                    commands));
        }
        return audiences.stream().map(Audience::readers).toList();
    }

    /** One entry's followers and the membership checks queued for them. */
    private static final class Audience {
        private final HomeEntry entry;
        private final String[] followers;
        private final Map<String, RedisFuture<List<Boolean>>> following = new HashMap<>();
        private final Map<String, RedisFuture<List<Boolean>>> muting = new HashMap<>();
        private final Map<String, RedisFuture<List<Boolean>>> blocking = new HashMap<>();
        private final Map<String, RedisFuture<List<Boolean>>> blockedBy = new HashMap<>();
        private final Map<String, RedisFuture<List<Boolean>>> hiding = new HashMap<>();

        Audience(HomeEntry entry, String[] followers, RedisClusterAsyncCommands<String, String> commands) {
            this.entry = entry;
            this.followers = followers;
            if (followers.length == 0) {
                return;
            }
            for (String account : entry.followChecks()) {
                if (!account.equals(entry.authorId())) { // every follower follows the author
                    following.put(account, commands.smismember(RedisKeys.followers(account), followers));
                }
            }
            for (String account : entry.accounts()) {
                muting.put(account, commands.smismember(RedisKeys.mutedBy(account), followers));
                blocking.put(account, commands.smismember(RedisKeys.blockedBy(account), followers));
                blockedBy.put(account, commands.smismember(RedisKeys.blocking(account), followers));
            }
            if (entry.isRepost()) {
                hiding.put(entry.authorId(), commands.smismember(RedisKeys.hidingReblogs(entry.authorId()),
                        followers));
            }
        }

        List<Reader> readers() {
            Map<String, Set<String>> followingBy = byReader(following, followers);
            Map<String, Set<String>> mutingBy = byReader(muting, followers);
            Map<String, Set<String>> blockingBy = byReader(blocking, followers);
            Map<String, Set<String>> blockedByBy = byReader(blockedBy, followers);
            Map<String, Set<String>> hidingBy = byReader(hiding, followers);
            List<Reader> readers = new ArrayList<>(followers.length);
            for (String id : followers) {
                Set<String> followed = new HashSet<>(followingBy.getOrDefault(id, Set.of()));
                followed.add(entry.authorId());
                readers.add(new Reader(id, followed, mutingBy.getOrDefault(id, Set.of()),
                        blockingBy.getOrDefault(id, Set.of()), blockedByBy.getOrDefault(id, Set.of()),
                        hidingBy.getOrDefault(id, Set.of())));
            }
            return readers;
        }
    }

    /** Turns "which readers are in each account's set" into "accounts each reader is related to". */
    private static Map<String, Set<String>> byReader(Map<String, RedisFuture<List<Boolean>>> membersByAccount,
                                                     String[] readers) {
        Map<String, Set<String>> accountsByReader = new HashMap<>();
        membersByAccount.forEach((account, members) -> {
            List<Boolean> isMember = Redis.await(members);
            for (int i = 0; i < readers.length; i++) {
                if (Boolean.TRUE.equals(isMember.get(i))) {
                    accountsByReader.computeIfAbsent(readers[i], ignored -> new HashSet<>()).add(account);
                }
            }
        });
        return accountsByReader;
    }

    /** Accounts {@code userId} follows, less the celebrities (whose posts are merged at read time). */
    public Set<String> fannedOutFollowees(String userId) {
        return redis.sync().sdiff(RedisKeys.following(userId), RedisKeys.followedCelebrities(userId));
    }

    public Set<String> following(String userId) {
        return redis.sync().smembers(RedisKeys.following(userId));
    }
}
