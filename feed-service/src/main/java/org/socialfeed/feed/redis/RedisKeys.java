package org.socialfeed.feed.redis;

/**
 * Every Redis key feed-service uses, in one place, laid out for a Redis Cluster (ADR 24): a user's keys carry the
 * user's id as hash tag ({@code feed:u:{id}:...}) and a post's keys the post's id ({@code feed:p:{id}:...}), so the
 * keys of one user (or of one post) share a slot and a script or multi-key command over them is allowed on a
 * cluster. No command combines two users' keys, or a user's and a post's; reads across many posts ({@code MGET}) are
 * split per slot by the cluster client. The few global keys say why they are global. All of it is cache: the
 * {@link StateMarkers} say the derived state is complete, and a missing one starts a rebuild from Kafka (see the
 * recovery package).
 */
public final class RedisKeys {

    private static final String PREFIX = "feed:";
    /**
     * The key layout's version, part of the state markers' names: a feed-service with a new layout finds no marker
     * and rebuilds its state from Kafka (ADR 6). Version 3: hash-tagged per user and per post (ADR 24). Version 4: a
     * post's {@link #authorship} beside its view. Version 5: a view's template gap counted in bytes
     * ({@code StatusTemplate.Utf8}).
     */
    static final String LAYOUT = "v5";

    /** String with expiry: held by the instance running a recovery. Global: one recovery at a time. */
    public static final String RECOVERY_LOCK = PREFIX + "recovery-lock";
    /**
     * Sorted set: user id by the time (epoch ms) they last read; fan-out writes only to these users' timelines.
     * Global so that a post's fan-out asks about a batch of followers in one {@code ZMSCORE}, not one lookup per
     * follower on every node; written at most once per reader every few minutes. Reads use {@link #lastRead}.
     */
    public static final String ACTIVE = PREFIX + "active";
    /**
     * Set: authors whose posts are merged at read time instead of fanned out. Global: asked on fan-out and follow
     * changes only, and changes only when an author passes the threshold; a reader's followed celebrities are kept
     * in {@link #followedCelebrities} for reads.
     */
    public static final String CELEBRITIES = PREFIX + "celebrities";
    /** Set: suspended accounts, hidden from every timeline. Global: each instance keeps a copy in memory. */
    public static final String SUSPENDED = PREFIX + "suspended";
    /** Sorted set: user id by the time (epoch ms) until which a live stream of theirs is connected. */
    public static final String ONLINE = PREFIX + "online";
    /** Sorted set: {@code postId:authorId} of recent deletions by a time-ordered id, for resuming streams. */
    public static final String DELETIONS = PREFIX + "deletions";
    /** Pub/sub channel of live timeline events, read by every instance (on a cluster, published to all nodes). */
    public static final String LIVE_CHANNEL = PREFIX + "live";

    private RedisKeys() {
    }

    private static String user(String userId, String name) {
        return PREFIX + "u:{" + userId + "}:" + name;
    }

    private static String post(String postId, String name) {
        return PREFIX + "p:{" + postId + "}:" + name;
    }

    /** Hash: one of the {@link StateMarkers}, placed by its hash tag. */
    static String stateMarker(String tag) {
        return PREFIX + "state:" + LAYOUT + ":{" + tag + "}";
    }

    /** Sorted set: a user's home timeline, member = status id, score = the same id. */
    public static String timeline(String userId) {
        return user(userId, "tl");
    }

    /** Sorted set: originals reposted into a user's timeline, member = original id, score = the repost's id. */
    public static String reblogsSeen(String userId) {
        return user(userId, "rbo");
    }

    /** String: when (epoch ms) the user last read; the read's own copy of their {@link #ACTIVE} score. */
    public static String lastRead(String userId) {
        return user(userId, "read-at");
    }

    public static String followers(String accountId) {
        return user(accountId, "followers");
    }

    public static String following(String accountId) {
        return user(accountId, "following");
    }

    /** Set: the {@link #CELEBRITIES} the user follows, whose posts a read of theirs merges. */
    public static String followedCelebrities(String userId) {
        return user(userId, "celebrities");
    }

    /** Set: followers of the account who asked not to see its reposts. */
    public static String hidingReblogs(String accountId) {
        return user(accountId, "noreblogs");
    }

    public static String muting(String accountId) {
        return user(accountId, "muting");
    }

    public static String mutedBy(String accountId) {
        return user(accountId, "mutedby");
    }

    public static String blocking(String accountId) {
        return user(accountId, "blocking");
    }

    public static String blockedBy(String accountId) {
        return user(accountId, "blockedby");
    }

    /** Sorted set: the author's recent home-worthy posts and reposts, score = id. */
    public static String recent(String authorId) {
        return user(authorId, "recent");
    }

    /**
     * Set: the posts a user liked, for {@code favourited}. A set, not a sorted set: in the compact encoding a sorted
     * set's lookups scan it, a set's (past 128 members) do not (ADR 17). {@link #likedByAge} trims it.
     */
    public static String liked(String userId) {
        return user(userId, "fav");
    }

    /** Sorted set: the posts a user liked by id (score = post id), to trim {@link #liked} to cached posts. */
    public static String likedByAge(String userId) {
        return user(userId, "fav-age");
    }

    /** Set: the posts a user reposted, for {@code reblogged}; trimmed by {@link #rebloggedByAge}. */
    public static String reblogged(String userId) {
        return user(userId, "rb");
    }

    /** Sorted set: the posts a user reposted by id (score = post id). */
    public static String rebloggedByAge(String userId) {
        return user(userId, "rb-age");
    }

    /** String: the cached post as JSON. */
    public static String post(String postId) {
        return post(postId, "post");
    }

    /** String: marks a deleted post (or undone repost) so a late or repeated event cannot bring it back. */
    public static String tombstone(String postId) {
        return post(postId, "gone");
    }

    /** String: the cached post as home reads use it, its Status rendered once ({@code PostView}). */
    public static String view(String postId) {
        return post(postId, "view");
    }

    /** String: who the post is by ({@code PostView.Authorship}), beside its view, for ranking's candidates. */
    public static String authorship(String postId) {
        return post(postId, "by");
    }

    /** Sorted set: the replies to a post (score = reply id), so a reply is counted once. */
    public static String replyIds(String postId) {
        return post(postId, "replyids");
    }

    /** String: a post's likes, reposts and replies, as "likes reposts replies" ({@code PostStats}). */
    public static String counts(String postId) {
        return post(postId, "counts");
    }

    /** Set: the reposts (their ids) of a post, to remove them when the original goes. */
    public static String repostIds(String postId) {
        return post(postId, "reposts");
    }

    // ---- the ranked home timeline (ADR 21): every key of one reader carries the reader's hash tag, so each script
    // touches one Redis Cluster slot (the feed:u:{userId}:<name> form of the cluster layout) ----

    /**
     * Sorted set: the reader's newest interactions that count most today, member {@code authorId:code:postId}, score
     * the interaction's weight on the growing decay scale ({@code Decay}); trimmed to the signal cap.
     */
    public static String interactions(String readerId) {
        return user(readerId, "interactions");
    }

    /** Sorted set: the reader's affinity to each author, the sum of {@link #interactions} per author. */
    public static String affinity(String readerId) {
        return user(readerId, "affinity");
    }

    /**
     * Sorted set: recent posts liked or reposted by accounts the reader follows, member {@code postId:actorId}, score
     * the post id (so old posts are trimmed by id); social proof.
     */
    public static String endorsed(String readerId) {
        return user(readerId, "endorsed");
    }

    /**
     * String with expiry: the reader's latest ranking of their home timeline, paged by offset: its snapshot id, the
     * digest of its inputs and when it was ranked, then its entries, one per line. A new ranking replaces it, so a
     * reader holds one at most.
     */
    public static String rankedSnapshot(String readerId) {
        return user(readerId, "ranked");
    }
}
