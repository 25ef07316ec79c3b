package org.socialfeed.feed.stream;

import io.lettuce.core.Range;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.TimelineChanges;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells connected streams about timeline changes, through one Redis pub/sub channel that every instance reads
 * (whichever instance did the fan-out, the reader may be connected to another). Only users with a connected stream
 * are published to. Deletions are also logged for a while, so a reconnecting client learns of those it missed.
 */
@ApplicationScoped
public class LiveFeed {

    private final RedisConnection redis;
    private final FeedConfig config;
    private final SnowflakeIds eventIds;

    public LiveFeed(RedisConnection redis, FeedConfig config, SnowflakeIds eventIds) {
        this.redis = redis;
        this.config = config;
        this.eventIds = eventIds;
    }

    /** Tells the streams concerned what an event did to timelines, in the order it happened. */
    public void publish(TimelineChanges changes) {
        Set<String> online = online(changes.added().stream().flatMap(added -> added.readerIds().stream())
                .collect(Collectors.toSet()));
        changes.added().forEach(added -> entryAdded(added.readerIds().stream().filter(online::contains).toList(),
                added.entryId()));
        changes.merged().forEach(merged -> authorPosted(merged.authorId(), merged.entryId()));
        changes.removed().forEach(removed -> deleted(removed.authorId(), removed.entryId()));
        changes.edited().forEach(edited -> redis.async().publish(RedisKeys.LIVE_CHANNEL,
                LiveEvent.forAuthor(edited.authorId(), LiveEvent.STATUS_UPDATE, edited.entryId()).encode()));
    }

    /** A new entry in the timelines of these users, whose streams are connected. */
    private void entryAdded(Collection<String> onlineIds, String entryId) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        for (String userId : onlineIds) {
            commands.publish(RedisKeys.LIVE_CHANNEL, LiveEvent.forUser(userId, LiveEvent.UPDATE, entryId).encode());
        }
    }

    /** A new entry by an author merged at read time: every follower's stream shows it. */
    private void authorPosted(String authorId, String entryId) {
        redis.async().publish(RedisKeys.LIVE_CHANNEL, LiveEvent.forAuthor(authorId, LiveEvent.UPDATE, entryId).encode());
    }

    /** A post or repost by {@code authorId} is gone: streams of the author and their followers are told. */
    private void deleted(String authorId, String postId) {
        long now = eventIds.next();
        double oldest = SnowflakeIds.floorAt(Instant.now().minus(config.stream().deletionsKept()));
        redis.sync().zadd(RedisKeys.DELETIONS, (double) now, postId + ":" + authorId);
        redis.async().zremrangebyscore(RedisKeys.DELETIONS, Range.create(0d, oldest));
        redis.async().publish(RedisKeys.LIVE_CHANNEL, LiveEvent.forAuthor(authorId, LiveEvent.DELETE, postId).encode());
    }

    /** Marks {@code userId} as having a stream connected until {@code until} (epoch ms); refreshed by heartbeats. */
    public void connected(String userId, long until) {
        redis.sync().zadd(RedisKeys.ONLINE, (double) until, userId);
    }

    /** Those of the users with a stream connected, in one ZMSCORE. */
    private Set<String> online(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        String[] members = userIds.toArray(String[]::new);
        List<Double> until = redis.sync().zmscore(RedisKeys.ONLINE, members);
        long now = System.currentTimeMillis();
        Set<String> online = new HashSet<>();
        for (int i = 0; i < members.length; i++) {
            if (until.get(i) != null && until.get(i) > now) {
                online.add(members[i]);
            }
        }
        return online;
    }
}
