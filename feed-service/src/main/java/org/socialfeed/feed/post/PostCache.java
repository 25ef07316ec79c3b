package org.socialfeed.feed.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.redis.RedisReads;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.support.mastodon.RenderablePost;
import org.socialfeed.support.mastodon.StatusRendering;
import org.socialfeed.support.mastodon.StatusTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Posts and reposts by id, as JSON strings in Redis with an expiry, filled from posts.events and
 * interactions.events, each beside its {@link PostView} (the Status rendered once, for home reads) and its
 * {@link PostView.Authorship} (for ranking), and each post's
 * reposts. A deleted post leaves a tombstone for as long, so a repeated or late event cannot bring it
 * back.
 */
@ApplicationScoped
public class PostCache {

    private static final Logger LOG = Logger.getLogger(PostCache.class);
    private static final RenderablePost.Interactions UNRENDERED_INTERACTIONS =
            RenderablePost.Interactions.counts(0, 0, 0);

    private final RedisConnection redis;
    private final ObjectMapper json;
    private final StatusRendering rendering;
    private final long ttlSeconds;

    public PostCache(RedisConnection redis, ObjectMapper json, StatusRendering rendering,
                     FeedConfig config) {
        this.redis = redis;
        this.json = json;
        this.rendering = rendering;
        this.ttlSeconds = config.postCacheTtl().toSeconds();
    }

    /** Stores the post and its view for home reads unless it was deleted; returns whether it is now cached. */
    public boolean store(CachedPost post) {
        return !storeAll(List.of(post)).isEmpty();
    }

    /**
     * Stores the posts and their views for home reads, unless deleted, in two round trips for all of them: the
     * tombstones, then the writes. Returns those now cached, in order.
     */
    public List<CachedPost> storeAll(List<CachedPost> posts) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        List<RedisFuture<Long>> tombstones = posts.stream()
                .map(post -> commands.exists(RedisKeys.tombstone(post.id()))).toList();
        List<CachedPost> kept = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            if (Redis.await(tombstones.get(i)) == 0) {
                kept.add(posts.get(i));
            }
        }
        SetArgs expiring = SetArgs.Builder.ex(ttlSeconds);
        List<RedisFuture<String>> writes = new ArrayList<>(kept.size() * 3);
        for (CachedPost post : kept) {
            PostView view = view(post);
            writes.add(commands.set(RedisKeys.post(post.id()), write(post), expiring));
            writes.add(commands.set(RedisKeys.authorship(post.id()), view.authorship().encode(), expiring));
            writes.add(commands.set(RedisKeys.view(post.id()), view.encode(), expiring));
        }
        writes.forEach(Redis::await);
        return kept;
    }

    /** The post's Status rendered once, with the gaps home reads fill per reader. */
    private PostView view(CachedPost post) {
        String template = post.isRepost()
                ? StatusTemplate.ofRepost(json,
                        rendering.repostShell(post.id(), post.author(), post.createdAt(), post.visibility()))
                : StatusTemplate.ofStatus(json, rendering.status(post.renderable(), UNRENDERED_INTERACTIONS, null));
        return PostView.of(post, template);
    }

    public boolean isGone(String postId) {
        return redis.sync().exists(RedisKeys.tombstone(postId)) > 0;
    }

    public Optional<CachedPost> get(String postId) {
        return Optional.ofNullable(read(redis.sync().get(RedisKeys.post(postId))));
    }

    /** Forgets the post and leaves its tombstone. */
    public void remove(String postId) {
        redis.sync().set(RedisKeys.tombstone(postId), "1", SetArgs.Builder.ex(ttlSeconds));
        redis.sync().del(RedisKeys.post(postId), RedisKeys.view(postId), RedisKeys.authorship(postId));
    }

    /** Records a repost of a post, so the repost goes when the original does. */
    public void addRepost(String originalId, String repostId) {
        redis.sync().sadd(RedisKeys.repostIds(originalId), repostId);
        redis.sync().expire(RedisKeys.repostIds(originalId), ttlSeconds);
    }

    public void removeRepost(String originalId, String repostId) {
        redis.sync().srem(RedisKeys.repostIds(originalId), repostId);
    }

    /** The ids of the reposts of a post. */
    public Set<String> repostsOf(String originalId) {
        return redis.sync().smembers(RedisKeys.repostIds(originalId));
    }

    /** Drops the record of a deleted post's reposts, once they are undone. */
    public void forgetReposts(String originalId) {
        redis.sync().del(RedisKeys.repostIds(originalId));
    }

    /**
     * Queues one MGET of the posts' views, as their stored bytes ({@link PostView#decode(byte[])}); missing ones
     * (expired, deleted) come back as null.
     */
    public CompletableFuture<List<byte[]>> fetchViews(RedisReads.Connection redis, Collection<String> postIds) {
        return redis.getAllBytes(postIds.stream().map(RedisKeys::view).toList());
    }

    /** The cached posts among those asked for, by id; missing ones (expired, deleted) are left out. */
    public Map<String, CachedPost> getAll(Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        return decode(redis.sync().mget(postIds.stream().map(RedisKeys::post).toArray(String[]::new)));
    }

    /** The cached originals of the reposts among {@code entries}, by id. */
    public Map<String, CachedPost> originalsOf(Collection<CachedPost> entries) {
        return getAll(entries.stream().filter(CachedPost::isRepost).map(CachedPost::reblogOfId).distinct().toList());
    }

    private Map<String, CachedPost> decode(List<KeyValue<String, String>> values) {
        Map<String, CachedPost> posts = new HashMap<>();
        for (KeyValue<String, String> value : values) {
            if (value.hasValue()) {
                CachedPost post = read(value.getValue());
                if (post != null) {
                    posts.put(post.id(), post);
                }
            }
        }
        return posts;
    }

    private String write(CachedPost post) {
        try {
            return json.writeValueAsString(post);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Post " + post.id() + " cannot be cached", e);
        }
    }

    private CachedPost read(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, CachedPost.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable cached post skipped: %s", e.getOriginalMessage());
            return null;
        }
    }
}
