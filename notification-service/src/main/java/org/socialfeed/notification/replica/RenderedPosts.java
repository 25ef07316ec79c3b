package org.socialfeed.notification.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;
import org.socialfeed.support.mastodon.StatusRendering;
import org.socialfeed.support.mastodon.StatusTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis side of the post cache, for the fast read of notifications (ADR 18): one hash per post,
 * {@code notif:post:{<postId>}}, holding its Status rendered once ({@link StatusTemplate}), its counts and who
 * counts in them, so a read fills in counts and the reader's flags without Jackson and without MongoDB.
 * <p>
 * Fields: {@code t} the template ({@link #NOT_CACHED} when this service never saw the post, {@link #DELETED} once
 * it is deleted); {@code f}, {@code b}, {@code p} the favourites, reblogs (boosts) and replies counts;
 * {@code f:<accountId>}, {@code b:<accountId>}, {@code p:<replyId>} their members; {@code c} present once the
 * members were copied from MongoDB ({@link #warm}, and at once for an edited post or one whose interactions came
 * first, {@link #changed}), or from the start for a post that had none when it was cached ({@link #created}). Live changes apply to any hash, so a complete one stays complete; a read that finds {@code t}
 * or {@code c} missing falls back to MongoDB and warms the post.
 */
@ApplicationScoped
public class RenderedPosts {

    public static final String NOT_CACHED = "";
    public static final String DELETED = "-";
    static final String TEMPLATE = "t";
    static final String COMPLETE = "c";
    private static final String FAVOURITES = "f";
    private static final String REBLOGS = "b";
    private static final String REPLIES = "p";

    /** Adds or removes one member of a count, moving the count only if the member list changed (idempotent). */
    private static final String COUNT = """
            local field = ARGV[1] .. ':' .. ARGV[2]
            if ARGV[3] == '1' then
              if redis.call('HSETNX', KEYS[1], field, '1') == 1 then redis.call('HINCRBY', KEYS[1], ARGV[1], 1) end
            elseif redis.call('HDEL', KEYS[1], field) == 1 then
              redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            end
            return 0
            """;

    /**
     * Copies a post's members from MongoDB (ARGV: template, then counter and member pairs) and marks the hash
     * complete. A template or member already there stays: it is as new as MongoDB's or newer.
     */
    private static final String WARM = """
            redis.call('HSETNX', KEYS[1], 't', ARGV[1])
            for i = 2, #ARGV, 2 do
              if redis.call('HSETNX', KEYS[1], ARGV[i] .. ':' .. ARGV[i + 1], '1') == 1 then
                redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
              end
            end
            redis.call('HSET', KEYS[1], 'c', '1')
            return 0
            """;

    private final RedisClusterCommands<String, String> redis;
    private final RedisClusterAsyncCommands<String, String> async;
    private final ReadModelWrites writes;
    private final PostCache posts;
    private final AccountReplica accounts;
    private final StatusRendering rendering;
    private final ObjectMapper json;

    public RenderedPosts(RedisConnection redis, ReadModelWrites writes, PostCache posts,
                         AccountReplica accounts, StatusRendering rendering, ObjectMapper json) {
        this.redis = redis.sync();
        this.async = redis.async();
        this.writes = writes;
        this.posts = posts;
        this.accounts = accounts;
        this.rendering = rendering;
        this.json = json;
    }

    public static String key(String postId) {
        return "notif:post:{" + postId + "}";
    }

    private static String authoredKey(String authorId) {
        return "notif:authored:{" + authorId + "}";
    }

    /** The fields a read asks for, in this order; {@link Fields} reads the answer. */
    public static String[] readFields(String viewerId) {
        return new String[]{TEMPLATE, COMPLETE, FAVOURITES, REBLOGS, REPLIES, FAVOURITES + ":" + viewerId,
                REBLOGS + ":" + viewerId};
    }

    /**
     * A post the cache knew nothing of (no interaction came before it): its template, and its hash complete at once,
     * since there are no members to copy, unless a failed write left the hash to be dropped.
     */
    public void created(CachedPost post) {
        String key = key(post.postId());
        String template = template(post, currentAuthor(post));
        writes.applyIfCurrent(() -> {
            redis.hset(key, Map.of(TEMPLATE, template, COMPLETE, "1"));
            redis.sadd(authoredKey(post.author().id()), post.postId());
        }, key);
    }

    /**
     * An edited post, or one whose interactions came first: its template as the author reads now, and its members
     * copied from MongoDB, so the hash is complete without waiting for a read to find it incomplete (a post liked
     * before its creation reached this service would otherwise send every page showing it to MongoDB until then).
     */
    public void changed(CachedPost post) {
        writes.apply(() -> {
            redis.hset(key(post.postId()), TEMPLATE, template(post, currentAuthor(post)));
            warm(List.of(post.postId()));
        }, key(post.postId()));
    }

    /** A deleted post: notifications about it are no longer shown. */
    public void deleted(String postId) {
        writes.apply(() -> redis.hset(key(postId), TEMPLATE, DELETED), key(postId));
    }

    public void counted(String postId, String counter, String member, boolean add) {
        writes.apply(() -> redis.eval(COUNT, ScriptOutputType.INTEGER, new String[]{key(postId)},
                field(counter), member, add ? "1" : "0"), key(postId));
    }

    /**
     * The authors' profiles changed: the templates of their posts show the new ones. Their posts are listed in one
     * pipeline (most new accounts have none).
     */
    public void authorsChanged(Collection<String> authorIds) {
        writes.apply(() -> {
            List<CompletableFuture<Set<String>>> authored = authorIds.stream()
                    .map(id -> async.smembers(authoredKey(id)).toCompletableFuture()).toList();
            List<String> postIds = new ArrayList<>();
            authored.forEach(listed -> postIds.addAll(listed.join()));
            posts.getAll(postIds).values().forEach(post ->
                    redis.hset(key(post.postId()), TEMPLATE, template(post, currentAuthor(post))));
        });
    }

    /** Makes the hashes of these posts complete, from MongoDB. */
    public void warm(Collection<String> postIds) {
        Map<String, PostCache.Snapshot> snapshots = posts.snapshots(postIds);
        for (String postId : postIds) {
            PostCache.Snapshot snapshot = snapshots.get(postId);
            List<String> args = new ArrayList<>();
            CachedPost post = snapshot == null ? null : snapshot.post();
            args.add(post == null ? NOT_CACHED : template(post, currentAuthor(post)));
            if (snapshot != null) {
                snapshot.members().forEach((counter, members) -> members.forEach(member -> {
                    args.add(field(counter));
                    args.add(member);
                }));
            }
            if (post != null) {
                redis.sadd(authoredKey(post.author().id()), postId);
            }
            redis.eval(WARM, ScriptOutputType.INTEGER, new String[]{key(postId)},
                    args.toArray(String[]::new));
        }
    }

    /** A post cache counter's field in the hash. */
    private static String field(String counter) {
        return switch (counter) {
            case PostCache.FAVOURITES -> FAVOURITES;
            case PostCache.REBLOGS -> REBLOGS;
            case PostCache.REPLIES -> REPLIES;
            default -> throw new IllegalArgumentException("No counter " + counter);
        };
    }

    private AccountRef currentAuthor(CachedPost post) {
        return accounts.refs(List.of(post.author().id())).getOrDefault(post.author().id(), post.author());
    }

    private String template(CachedPost post, AccountRef author) {
        return StatusTemplate.ofStatus(json, rendering.status(post.renderable(author),
                Interactions.counts(0, 0, 0), null));
    }

    /** A post's hash as a read finds it (the answer to {@link #readFields}). */
    public record Fields(String template, boolean complete, long favourites, long reblogs, long replies,
                         boolean favourited, boolean reblogged) {

        public static Fields of(List<io.lettuce.core.KeyValue<String, String>> values) {
            return new Fields(values.get(0).getValueOrElse(null), values.get(1).hasValue(), count(values.get(2)),
                    count(values.get(3)), count(values.get(4)), values.get(5).hasValue(), values.get(6).hasValue());
        }

        /** Whether the read can use it: templated (or known not cached, or deleted) and complete. */
        public boolean usable() {
            return template != null && complete;
        }

        public boolean deleted() {
            return DELETED.equals(template);
        }

        /** Whether there is a Status to show: the post is cached and not deleted. */
        public boolean cached() {
            return !NOT_CACHED.equals(template) && !deleted();
        }

        public Interactions interactions() {
            return new Interactions(replies, reblogs, favourites, favourited, reblogged);
        }

        private static long count(io.lettuce.core.KeyValue<String, String> value) {
            return value.hasValue() ? Math.max(0, Long.parseLong(value.getValue())) : 0;
        }
    }
}
