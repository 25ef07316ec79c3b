package org.socialfeed.feed.ranking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.KeyValue;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.post.PostStats;
import org.socialfeed.feed.post.PostView;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.redis.RedisReads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a ranking asks of a couple of hundred candidate posts before it renders twenty: who each is by and its
 * counts, kept in memory for the next rankings of every reader (ADR 26). Neither decides what a reader sees: every
 * rendered status is read fresh and asked of the home policy, so a post deleted since it was remembered leaves the
 * page one short, never shows.
 * <ul>
 *   <li>Authorship never changes while a post exists: remembered until evicted ({@code authorships-kept}).</li>
 *   <li>Counts change: remembered for {@code counts-max-age}, so a ranking weighs engagement at most that old.</li>
 * </ul>
 * What is not remembered is read in one {@code MGET} per kind (split per slot by the cluster client).
 */
@ApplicationScoped
public class CandidateFacts {

    private final PostStats stats;
    private final Cache<String, PostView.Authorship> authorships;
    private final Cache<String, long[]> counts;

    public CandidateFacts(PostStats stats, RankingConfig config) {
        this.stats = stats;
        this.authorships = Caffeine.newBuilder().maximumSize(config.authorshipsKept()).build();
        this.counts = Caffeine.newBuilder().maximumSize(config.authorshipsKept())
                .expireAfterWrite(config.countsMaxAge()).build();
    }

    /** Who each post is by, in the order asked; a post gone from Redis (deleted, left the cache) is left out. */
    public CompletionStage<List<PostView.Authorship>> authorships(RedisReads.Connection redis, List<String> postIds) {
        Map<String, PostView.Authorship> known = authorships.getAllPresent(postIds);
        if (known.size() == postIds.size()) {
            return CompletableFuture.completedFuture(inOrder(postIds, known));
        }
        List<String> unknown = postIds.stream().filter(id -> !known.containsKey(id)).toList();
        CompletionStage<List<KeyValue<String, String>>> read = redis.commands()
                .mget(unknown.stream().map(RedisKeys::authorship).toArray(String[]::new));
        redis.send();
        return read.thenApply(values -> {
            Map<String, PostView.Authorship> all = new HashMap<>(known);
            for (KeyValue<String, String> value : values) {
                PostView.Authorship authorship = PostView.Authorship.decode(value.getValueOrElse(null));
                if (authorship != null) {
                    authorships.put(authorship.id(), authorship);
                    all.put(authorship.id(), authorship);
                }
            }
            return inOrder(postIds, all);
        });
    }

    /** Each post's likes, reposts and replies, by id, for every post asked (zeros for a post without counts). */
    public CompletionStage<Map<String, long[]>> counts(RedisReads.Connection redis, List<String> postIds) {
        Map<String, long[]> known = counts.getAllPresent(postIds);
        if (known.size() == postIds.size()) {
            return CompletableFuture.completedFuture(known);
        }
        List<String> unknown = postIds.stream().filter(id -> !known.containsKey(id)).toList();
        CompletableFuture<List<long[]>> read = stats.counts(redis.commands(), unknown);
        redis.send();
        return read.thenApply(values -> {
            Map<String, long[]> all = new HashMap<>(known);
            for (int i = 0; i < unknown.size(); i++) {
                long[] postCounts = values.get(i);
                counts.put(unknown.get(i), postCounts);
                all.put(unknown.get(i), postCounts);
            }
            return all;
        });
    }

    private static List<PostView.Authorship> inOrder(List<String> postIds, Map<String, PostView.Authorship> found) {
        List<PostView.Authorship> ordered = new ArrayList<>(found.size());
        for (String id : postIds) {
            PostView.Authorship authorship = found.get(id);
            if (authorship != null) {
                ordered.add(authorship);
            }
        }
        return ordered;
    }
}
