package org.socialfeed.feed.timeline;

import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostCache;
import org.socialfeed.feed.post.PostStats;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;
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
public class HomeTimeline {

    private final StatefulRedisConnection<String, String> redis;
    private final TimelineStore timelines;
    private final AuthorPosts authors;
    private final ActiveReaders readers;
    private final TimelineRebuilder rebuilder;
    private final ReaderFilters filters;
    private final PostCache posts;
    private final PostStats stats;
    private final StatusRenderer renderer;
    private final RecoveryGate recovery;

    public HomeTimeline(StatefulRedisConnection<String, String> redis, TimelineStore timelines, AuthorPosts authors,
                        ActiveReaders readers, TimelineRebuilder rebuilder, ReaderFilters filters, PostCache posts,
                        PostStats stats, StatusRenderer renderer, RecoveryGate recovery) {
        this.redis = redis;
        this.timelines = timelines;
        this.authors = authors;
        this.readers = readers;
        this.rebuilder = rebuilder;
        this.filters = filters;
        this.posts = posts;
        this.stats = stats;
        this.renderer = renderer;
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
        RedisFuture<Set<String>> celebrities = commands.sinter(RedisKeys.following(userId), RedisKeys.CELEBRITIES);
        RedisFuture<List<String>> own = timelines.range(commands, userId, bounds, limit, upward);
        ReaderFilters.Pending pendingFilter = filters.fetch(commands, userId);

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
        ReaderFilter filter = pendingFilter.get();

        List<RedisFuture<List<String>>> merged = new ArrayList<>();
        for (String celebrity : Redis.await(celebrities)) {
            if (!filter.hidesAccount(celebrity)) {
                merged.add(authors.range(commands, celebrity, bounds, limit, upward));
            }
        }
        Comparator<Long> order = upward ? Comparator.naturalOrder() : Comparator.reverseOrder();
        TreeSet<Long> ids = new TreeSet<>(order);
        Set<String> ownIds = new HashSet<>(Redis.await(own));
        ownIds.forEach(id -> ids.add(Long.parseLong(id)));
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
        Set<String> mergedOnly = new HashSet<>(pageIds);
        mergedOnly.removeAll(ownIds);
        return new Page(hydrate(userId, pageIds, filter, mergedOnly), pageIds);
    }

    /**
     * Renders timeline entries in the given order: one MGET for the entries, then one pipelined batch for reposted
     * originals and every count. Entries no longer cached (deleted) and entries the filter hides are left out, as is
     * a second appearance of the same original. Of entries merged in from celebrities ({@code mergedOnly}), replies
     * to other accounts are left out (fan-out would have sent them only to followers of both).
     */
    public List<StatusView> hydrate(String viewerId, List<String> entryIds, ReaderFilter filter,
                                    Set<String> mergedOnly) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
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
        RedisFuture<List<io.lettuce.core.KeyValue<String, String>>> pendingOriginals =
                originalIds.isEmpty() ? null : posts.fetch(commands, originalIds);
        PostStats.Pending pendingStats = stats.fetch(commands, viewerId, shownIds);
        Map<String, CachedPost> originals = pendingOriginals == null ? Map.of()
                : posts.decode(Redis.await(pendingOriginals));
        Map<String, PostStats.Stats> counts = pendingStats.get();

        List<StatusView> statuses = new ArrayList<>(entryIds.size());
        Set<String> shown = new HashSet<>();
        for (String id : entryIds) {
            CachedPost entry = entries.get(id);
            if (entry == null) {
                continue;
            }
            CachedPost original = entry.isRepost() ? originals.get(entry.reblogOfId()) : null;
            if ((entry.isRepost() && original == null) || filter.hides(entry, original)
                    || (mergedOnly.contains(id) && entry.isReplyToOther()
                    && !viewerId.equals(entry.inReplyToAccountId()))) {
                continue;
            }
            String shownId = original != null ? original.id() : entry.id();
            if (!shown.add(shownId)) {
                continue;
            }
            PostStats.Stats shownStats = counts.getOrDefault(shownId, PostStats.Stats.NONE);
            statuses.add(renderer.render(entry, original, shownStats, shownStats));
        }
        return statuses;
    }

    /** Renders entries for a reader, loading their filter first (the live stream's single entries). */
    public List<StatusView> hydrate(String viewerId, List<String> entryIds) {
        return hydrate(viewerId, entryIds, filters.forReader(viewerId), Set.of());
    }
}
