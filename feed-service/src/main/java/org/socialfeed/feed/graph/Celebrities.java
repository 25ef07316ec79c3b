package org.socialfeed.feed.graph;

import org.socialfeed.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authors whose posts are merged at read time instead of fanned out: those who passed {@code celebrity-threshold}
 * followers. Each reader keeps the celebrities they follow in a set of their own, so a read asks only the reader's
 * keys (one cluster slot). Promotion is a step of its own, taken when an author is followed and before their post is fanned out;
 * once promoted an author stays one, so posts made in that mode stay visible when the follower count dips.
 */
@ApplicationScoped
public class Celebrities {

    private final RedisConnection redis;
    private final FollowGraph graph;
    private final long threshold;

    public Celebrities(RedisConnection redis, FollowGraph graph, FeedConfig config) {
        this.redis = redis;
        this.graph = graph;
        this.threshold = config.celebrityThreshold();
    }

    /** Promotes those of the accounts whose follower count passed the threshold, in two round trips at most. */
    public void promoteIfFollowedEnough(Collection<String> accountIds) {
        List<String> followedEnough = graph.followerCounts(accountIds).entrySet().stream()
                .filter(count -> count.getValue() > threshold)
                .map(Map.Entry::getKey).toList();
        if (followedEnough.isEmpty()) {
            return;
        }
        Set<String> already = among(followedEnough);
        followedEnough.stream().filter(account -> !already.contains(account)).forEach(this::promote);
    }

    /**
     * Lists the account as merged at read time by each follower, then as a celebrity for fan-out, then once more for
     * the followers who came meanwhile: a follow recorded before the listing is in the second pass, one after it
     * finds the account listed ({@link #recordFollows}). Fan-out stops only once every follower merges.
     */
    private void promote(String accountId) {
        graph.addFollowedCelebrity(graph.followers(accountId), accountId);
        redis.sync().sadd(RedisKeys.CELEBRITIES, accountId);
        graph.addFollowedCelebrity(graph.followers(accountId), accountId);
    }

    /**
     * After follows are recorded: each followee that is a celebrity joins what its new follower merges at read time.
     * Returns those celebrities.
     */
    public Set<String> recordFollows(List<Follow> follows) {
        Set<String> merged = among(follows.stream().map(Follow::followeeId).collect(Collectors.toSet()));
        follows.stream().filter(follow -> merged.contains(follow.followeeId()))
                .collect(Collectors.groupingBy(Follow::followeeId,
                        Collectors.mapping(Follow::followerId, Collectors.toList())))
                .forEach((celebrity, newFollowers) -> graph.addFollowedCelebrity(newFollowers, celebrity));
        return merged;
    }

    public boolean isCelebrity(String accountId) {
        return redis.sync().sismember(RedisKeys.CELEBRITIES, accountId);
    }

    /** The celebrities among the accounts, in one round trip. */
    public Set<String> among(Collection<String> accountIds) {
        List<String> ids = List.copyOf(accountIds);
        List<Boolean> listed = redis.sync().smismember(RedisKeys.CELEBRITIES, ids.toArray(String[]::new));
        Set<String> celebrities = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (Boolean.TRUE.equals(listed.get(i))) {
                celebrities.add(ids.get(i));
            }
        }
        return celebrities;
    }
}
