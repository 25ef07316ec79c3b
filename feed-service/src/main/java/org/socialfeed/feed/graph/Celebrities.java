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

/**
 * Authors whose posts are merged at read time instead of fanned out: those who passed {@code celebrity-threshold}
 * followers. Promotion is a step of its own, taken when an author is followed and before their post is fanned out;
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
        String[] promoted = graph.followerCounts(accountIds).entrySet().stream()
                .filter(count -> count.getValue() > threshold)
                .map(Map.Entry::getKey).toArray(String[]::new);
        if (promoted.length > 0) {
            redis.sync().sadd(RedisKeys.CELEBRITIES, promoted);
        }
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
