package org.socialfeed.feed.timeline;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.graph.Celebrities;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostCache;
import org.socialfeed.feed.post.PostStats;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.support.mastodon.StatusRendering;
import org.socialfeed.support.mastodon.StatusView;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The home timeline, read side. A page costs a few pipelined round trips whatever its size: (1) the page of the
 * reader's own timeline, the celebrities they follow and their mute/block sets; (2) the same page of each followed
 * celebrity's recent posts, merged in id order; (3) one MGET of the page's posts; (4) the reposted originals and all
 * counts. A reader whose timeline is not maintained gets it rebuilt first, so a cold cache never shows an empty
 * timeline.
 */
@ApplicationScoped
public class HomeReader {

    private final StatefulRedisConnection<String, String> redis;
    private final TimelineStore timelines;
    private final AuthorPosts authors;
    private final ActiveReaders readers;
    private final TimelineRebuilder rebuilder;
    private final ReaderRelations relations;
    private final HomePolicy policy;
    private final Celebrities celebrities;
    private final PostCache posts;
    private final PostStats stats;
    private final StatusRendering rendering;
    private final RecoveryGate recovery;

    public HomeReader(StatefulRedisConnection<String, String> redis, TimelineStore timelines, AuthorPosts authors,
                        ActiveReaders readers, TimelineRebuilder rebuilder, ReaderRelations relations,
                        HomePolicy policy, Celebrities celebrities, PostCache posts, PostStats stats,
                        StatusRendering rendering, RecoveryGate recovery) {
        this.redis = redis;
        this.timelines = timelines;
        this.authors = authors;
        this.readers = readers;
        this.rebuilder = rebuilder;
        this.relations = relations;
        this.policy = policy;
        this.celebrities = celebrities;
        this.posts = posts;
        this.stats = stats;
        this.rendering = rendering;
        this.recovery = recovery;
    }

    /**
     * One page of statuses, newest first.
     *
     * @param statuses  what to show
     * @param cursorIds the ids the page covered (before filtering), for the Link header
     */
    public record Page(List<StatusView> statuses, List<String> cursorIds) {
    }

    public Page read(String userId, PageRequest page) {
        recovery.awaitRecovered();
        return read(userId, page, true);
    }

    private Page read(String userId, PageRequest page, boolean firstTry) {
        Range<Long> bounds = Range.from(Range.Boundary.excluding(page.lowerBound()),
                page.maxId() == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(page.maxId()));
        boolean upward = page.readsUpward();
        int limit = page.limit();

        RedisAsyncCommands<String, String> commands = redis.async();
        RedisFuture<Long> stateKept = commands.exists(RedisKeys.STATE);
        RedisFuture<Double> lastRead = commands.zscore(RedisKeys.ACTIVE, userId);
        RedisFuture<Set<String>> celebrities = this.celebrities.followedBy(commands, userId);
        RedisFuture<List<String>> own = timelines.range(commands, userId, bounds, limit, upward);
        ReaderRelations.PendingBlocks pendingBlocks = relations.fetchBlocksAndMutes(commands, userId);

        if (Redis.await(stateKept) == 0 && firstTry) {
            // Redis lost the replica and post cache: wait for the replay rather than show an empty timeline
            recovery.lost();
            recovery.awaitRecovered();
            return read(userId, page, false);
        }
        Double lastReadAt = Redis.await(lastRead);
        if (!readers.isActive(lastReadAt)) {
            rebuilder.rebuild(userId, recovery.isRecovered());
            own = timelines.range(commands, userId, bounds, limit, upward);
        } else if (readers.needsRefresh(lastReadAt)) {
            readers.markActive(userId);
        }
        Reader reader = pendingBlocks.get();

        List<RedisFuture<List<String>>> merged = new ArrayList<>();
        for (String celebrity : Redis.await(celebrities)) {
            if (!policy.excludesAuthor(celebrity, reader)) {
                merged.add(authors.range(commands, celebrity, bounds, limit, upward));
            }
        }
        Comparator<Long> order = upward ? Comparator.naturalOrder() : Comparator.reverseOrder();
        TreeSet<Long> ids = new TreeSet<>(order);
        Redis.await(own).forEach(id -> ids.add(Long.parseLong(id)));
        for (RedisFuture<List<String>> part : merged) {
            Redis.await(part).forEach(id -> ids.add(Long.parseLong(id)));
        }
        List<String> pageIds = new ArrayList<>(limit);
        for (Long id : ids) {
            if (pageIds.size() == limit) {
                break;
            }
            pageIds.add(id.toString());
        }
        if (upward) {
            java.util.Collections.reverse(pageIds);
        }
        return new Page(hydrate(pageIds, reader), pageIds);
    }

    /**
     * Renders timeline entries in the given order: one MGET for the entries, then one pipelined batch for reposted
     * originals, every count and the reader's follows the policy asks about. Entries no longer cached (deleted),
     * entries {@link HomePolicy} does not admit for the reader (whether fanned out or merged in from a celebrity),
     * and a second appearance of the same original are left out.
     *
     * @param blocksAndMutes the reader with their mute and block sets; their follows are loaded here
     */
    private List<StatusView> hydrate(List<String> entryIds, Reader blocksAndMutes) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        String viewerId = blocksAndMutes.id();
        RedisAsyncCommands<String, String> commands = redis.async();
        Map<String, CachedPost> entries = posts.decode(Redis.await(posts.fetch(commands, entryIds)));
        Set<String> originalIds = new LinkedHashSet<>();
        List<String> shownIds = new ArrayList<>();
        for (String id : entryIds) {
            CachedPost entry = entries.get(id);
            if (entry != null) {
                shownIds.add(entry.isRepost() ? entry.reblogOfId() : id);
                if (entry.isRepost()) {
                    originalIds.add(entry.reblogOfId());
                }
            }
        }
        RedisFuture<List<KeyValue<String, String>>> pendingOriginals =
                originalIds.isEmpty() ? null : posts.fetch(commands, originalIds);
        PostStats.Pending pendingStats = stats.fetch(commands, viewerId, shownIds);
        // which accounts' follows the policy asks about does not depend on the originals' mentions
        ReaderRelations.PendingFollows pendingFollows = relations.fetchFollows(commands, viewerId,
                entries.values().stream().map(entry -> HomeEntry.of(entry, Map.of())).toList());
        Map<String, CachedPost> originals = pendingOriginals == null ? Map.of()
                : posts.decode(Redis.await(pendingOriginals));
        Map<String, PostStats.Stats> counts = pendingStats.get();
        Reader reader = pendingFollows.addTo(blocksAndMutes);

        List<StatusView> statuses = new ArrayList<>(entryIds.size());
        Set<String> shown = new HashSet<>();
        for (String id : entryIds) {
            CachedPost entry = entries.get(id);
            if (entry == null) {
                continue;
            }
            CachedPost original = entry.isRepost() ? originals.get(entry.reblogOfId()) : null;
            if ((entry.isRepost() && original == null) || !policy.admits(HomeEntry.of(entry, original), reader)) {
                continue;
            }
            String shownId = original != null ? original.id() : entry.id();
            if (!shown.add(shownId)) {
                continue;
            }
            StatusView shownStatus = rendering.status((original != null ? original : entry).renderable(),
                    counts.getOrDefault(shownId, PostStats.Stats.NONE).interactions(), null);
            statuses.add(original == null ? shownStatus
                    : rendering.repost(entry.id(), entry.author(), entry.createdAt(), shownStatus));
        }
        return statuses;
    }

    /** Renders entries for a reader, loading their mutes and blocks first (the live stream's single entries). */
    public List<StatusView> hydrate(String viewerId, List<String> entryIds) {
        return hydrate(entryIds, relations.blocksAndMutes(viewerId));
    }
}
