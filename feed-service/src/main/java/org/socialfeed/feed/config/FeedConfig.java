package org.socialfeed.feed.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The feed policy's knobs ({@code social.feed.*}); the defaults follow Mastodon and Twitter. */
@ConfigMapping(prefix = "social.feed")
public interface FeedConfig {

    /** Entries kept per home timeline; keep Redis's {@code zset-max-ziplist-entries} above it. */
    @WithDefault("800")
    int maxTimelineSize();

    /** Authors with more followers than this are not fanned out: their posts are merged in at read time. */
    @WithDefault("10000")
    int celebrityThreshold();

    /** How many of a followee's recent posts a new follow copies into the follower's timeline. */
    @WithDefault("100")
    int backfillSize();

    /** Recent posts kept per author, for backfill, rebuilds and the celebrity merge. */
    @WithDefault("200")
    int recentPostsPerAuthor();

    /** A repost is left out if its original, or another repost of it, is among this many newest entries. */
    @WithDefault("40")
    int reblogFalloff();

    /** Timeline inserts sent per pipelined flush during fan-out. */
    @WithDefault("1000")
    int fanOutBatchSize();

    /** Users who have not read their home timeline for this long are skipped by fan-out; their timeline is dropped and rebuilt on their next read. */
    @WithDefault("14D")
    Duration inactiveAfter();

    /** How long a post stays in the post cache (and a deleted post's tombstone). */
    @WithDefault("30D")
    Duration postCacheTtl();

    Stream stream();

    Recovery recovery();

    /** The live streams (Server-Sent Events and the WebSocket). */
    interface Stream {
        /** Interval of the heartbeat comment; Mastodon's streaming server sends one every 15 s. */
        @WithDefault("15S")
        Duration heartbeat();

        /** How many missed entries a reconnecting client gets (by Last-Event-ID). */
        @WithDefault("40")
        int resumeLimit();

        /** How long deletions are kept for reconnecting clients. */
        @WithDefault("1H")
        Duration deletionsKept();

        /**
         * The Redis whose {@code notifications:live} channel notification-service publishes new notifications on
         * (its {@code social.redis.uri}); feed-service's own Redis unless set.
         */
        String notificationsRedisUri();
    }

    /** Rebuilding Redis state from the Kafka topics after a flush or restart. */
    interface Recovery {
        /** How often the service checks whether Redis lost its state. */
        @WithDefault("5S")
        Duration checkInterval();

        /** How far back posts.events and interactions.events are replayed (follows.events is replayed whole). */
        @WithDefault("30D")
        Duration replayWindow();

        /** How long a read or an event waits for a running recovery before going on with what Redis has. */
        @WithDefault("20S")
        Duration waitLimit();
    }
}
