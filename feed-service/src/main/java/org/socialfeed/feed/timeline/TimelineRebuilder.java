package org.socialfeed.feed.timeline;

import io.lettuce.core.RedisFuture;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostCache;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a home timeline from scratch, for a reader whose timeline is not maintained (new, back after a long
 * absence, or after Redis lost it): the recent posts of everyone they follow (celebrities excluded, they are merged at
 * read time) and their own that {@link HomePolicy} admits, de-duplicated as fan-out would have done, newest
 * {@code max-timeline-size}.
 * Mastodon's RegenerationWorker, reading Redis instead of a database.
 */
@ApplicationScoped
public class TimelineRebuilder {

    private static final Logger LOG = Logger.getLogger(TimelineRebuilder.class);

    private final RedisConnection redis;
    private final FeedConfig config;
    private final FollowGraph graph;
    private final PostCache posts;
    private final TimelineStore timelines;
    private final ActiveReaders readers;
    private final ReaderRelations relations;
    private final HomePolicy policy;

    public TimelineRebuilder(RedisConnection redis, FeedConfig config, FollowGraph graph,
                             PostCache posts, TimelineStore timelines, ActiveReaders readers, ReaderRelations relations,
                             HomePolicy policy) {
        this.redis = redis;
        this.config = config;
        this.graph = graph;
        this.posts = posts;
        this.timelines = timelines;
        this.readers = readers;
        this.relations = relations;
        this.policy = policy;
    }

    /**
     * @param keep whether the rebuilt timeline is maintained from now on; false while a recovery is still running,
     *             so the next read rebuilds again from the completed state
     */
    public void rebuild(String userId, boolean keep) {
        // marked first: from here on fan-out writes to this timeline, so no post falls between the two
        readers.markActive(userId);
        Set<String> authors = new HashSet<>(graph.fannedOutFollowees(userId));
        authors.add(userId);
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        Map<String, RedisFuture<List<String>>> latest = new LinkedHashMap<>();
        for (String author : authors) {
            latest.put(author, commands.zrevrange(RedisKeys.recent(author), 0, config.recentPostsPerAuthor() - 1L));
        }
        List<String> candidates = new ArrayList<>();
        latest.values().forEach(ids -> candidates.addAll(Redis.await(ids)));
        candidates.sort(Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed());
        List<String> newest = candidates.subList(0, Math.min(candidates.size(), config.maxTimelineSize()));
        Map<String, CachedPost> found = posts.getAll(newest);
        Map<String, CachedPost> originals = posts.originalsOf(found.values());
        Map<String, HomeEntry> facts = new HashMap<>();
        found.forEach((id, entry) -> facts.put(id, HomeEntry.of(entry, originals)));
        Reader reader = relations.load(userId, facts.values());

        List<String> chosen = new ArrayList<>();
        Set<String> originalsShown = new HashSet<>();
        // oldest first, as fan-out would have seen them, so the first appearance of an original wins
        for (int i = newest.size() - 1; i >= 0; i--) {
            CachedPost entry = found.get(newest.get(i));
            if (entry != null && policy.admits(facts.get(entry.id()), reader)
                    && originalsShown.add(entry.isRepost() ? entry.reblogOfId() : entry.id())) {
                chosen.add(entry.id());
            }
        }
        timelines.insertAll(userId, chosen);
        if (!keep) {
            readers.forget(userId);
        }
        LOG.debugf("Rebuilt the home timeline of %s from %d accounts: %d entries", userId, authors.size(),
                chosen.size());
    }
}
