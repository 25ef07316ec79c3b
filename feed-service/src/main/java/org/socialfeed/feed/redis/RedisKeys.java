package org.socialfeed.feed.redis;

/**
 * Every Redis key feed-service uses, in one place. All of it is cache: {@link #STATE} marks that the derived state
 * is complete, and its absence starts a rebuild from Kafka (see the recovery package).
 */
public final class RedisKeys {

    private static final String PREFIX = "feed:";

    /**
     * Hash: present while the follow replica and post cache are complete (written at the end of a recovery). Its name
     * carries the key layout's version: a feed-service with a new layout finds no marker and rebuilds its state from
     * Kafka (ADR 6, ADR 17). Version 2: post views and set-encoded liked/reposted lookups.
     */
    public static final String STATE = PREFIX + "state:v2";
    /** String with expiry: held by the instance running a recovery. */
    public static final String RECOVERY_LOCK = PREFIX + "recovery-lock";
    /** Sorted set: user id by the time (epoch ms) they last read; only these users' timelines are fanned out to. */
    public static final String ACTIVE = PREFIX + "active";
    /** Set: authors whose posts are merged at read time instead of fanned out. */
    public static final String CELEBRITIES = PREFIX + "celebrities";
    /** Set: suspended accounts, hidden from every timeline. */
    public static final String SUSPENDED = PREFIX + "suspended";
    /** Sorted set: user id by the time (epoch ms) until which a live stream of theirs is connected. */
    public static final String ONLINE = PREFIX + "online";
    /** Sorted set: {@code postId:authorId} of recent deletions by a time-ordered id, for resuming streams. */
    public static final String DELETIONS = PREFIX + "deletions";
    /** Pub/sub channel of live timeline events, read by every instance. */
    public static final String LIVE_CHANNEL = PREFIX + "live";

    private RedisKeys() {
    }

    /** Sorted set: a user's home timeline, member = status id, score = the same id. */
    public static String timeline(String userId) {
        return PREFIX + "tl:" + userId;
    }

    /** Sorted set: originals reposted into a user's timeline, member = original id, score = the repost's id. */
    public static String reblogsSeen(String userId) {
        return PREFIX + "rbo:" + userId;
    }

    public static String followers(String accountId) {
        return PREFIX + "followers:" + accountId;
    }

    public static String following(String accountId) {
        return PREFIX + "following:" + accountId;
    }

    /** Set: followers of the account who asked not to see its reposts. */
    public static String hidingReblogs(String accountId) {
        return PREFIX + "noreblogs:" + accountId;
    }

    public static String muting(String accountId) {
        return PREFIX + "muting:" + accountId;
    }

    public static String mutedBy(String accountId) {
        return PREFIX + "mutedby:" + accountId;
    }

    public static String blocking(String accountId) {
        return PREFIX + "blocking:" + accountId;
    }

    public static String blockedBy(String accountId) {
        return PREFIX + "blockedby:" + accountId;
    }

    /** Sorted set: the author's recent home-worthy posts and reposts, score = id. */
    public static String recent(String authorId) {
        return PREFIX + "recent:" + authorId;
    }

    /** String: the cached post as JSON. */
    public static String post(String postId) {
        return PREFIX + "post:" + postId;
    }

    /** String: marks a deleted post (or undone repost) so a late or repeated event cannot bring it back. */
    public static String tombstone(String postId) {
        return PREFIX + "gone:" + postId;
    }

    /** String: the cached post as home reads use it, its Status rendered once ({@code PostView}). */
    public static String view(String postId) {
        return PREFIX + "view:" + postId;
    }

    /**
     * Set: the posts a user liked, for {@code favourited}. A set, not a sorted set: in the compact encoding a sorted
     * set's lookups scan it, a set's (past 128 members) do not (ADR 17). {@link #likedByAge} trims it.
     */
    public static String liked(String userId) {
        return PREFIX + "fav:" + userId;
    }

    /** Sorted set: the posts a user liked by id (score = post id), to trim {@link #liked} to cached posts. */
    public static String likedByAge(String userId) {
        return PREFIX + "fav-age:" + userId;
    }

    /** Set: the posts a user reposted, for {@code reblogged}; trimmed by {@link #rebloggedByAge}. */
    public static String reblogged(String userId) {
        return PREFIX + "rb:" + userId;
    }

    /** Sorted set: the posts a user reposted by id (score = post id). */
    public static String rebloggedByAge(String userId) {
        return PREFIX + "rb-age:" + userId;
    }

    /** Sorted set: the replies to a post (score = reply id), so a reply is counted once. */
    public static String replyIds(String postId) {
        return PREFIX + "replyids:" + postId;
    }

    /** String counter: a post's likes, reposts or replies ({@code kind} = fav, rb, re). */
    public static String count(String kind, String postId) {
        return PREFIX + "n:" + kind + ":" + postId;
    }

    /** Set: the reposts (their ids) of a post, to remove them when the original goes. */
    public static String repostIds(String postId) {
        return PREFIX + "reposts:" + postId;
    }

    // ---- the ranked home timeline (ADR 21): every key of one reader carries the reader's hash tag, so each script
    // touches one Redis Cluster slot (the feed:u:{userId}:<name> form of the cluster layout) ----

    /**
     * Sorted set: the reader's newest interactions that count most today, member {@code authorId:code:postId}, score
     * the interaction's weight on the growing decay scale ({@code Decay}); trimmed to the signal cap.
     */
    public static String interactions(String readerId) {
        return PREFIX + "u:{" + readerId + "}:interactions";
    }

    /** Sorted set: the reader's affinity to each author, the sum of {@link #interactions} per author. */
    public static String affinity(String readerId) {
        return PREFIX + "u:{" + readerId + "}:affinity";
    }

    /**
     * Sorted set: recent posts liked or reposted by accounts the reader follows, member {@code postId:actorId}, score
     * the post id (so old posts are trimmed by id); social proof.
     */
    public static String endorsed(String readerId) {
        return PREFIX + "u:{" + readerId + "}:endorsed";
    }

    /**
     * List with expiry: the reader's latest ranking of their home timeline, paged by offset: its snapshot id, then
     * its entries. A new ranking replaces it, so a reader holds one at most.
     */
    public static String rankedSnapshot(String readerId) {
        return PREFIX + "u:{" + readerId + "}:ranked";
    }
}
