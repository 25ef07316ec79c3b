package org.socialfeed.feed.timeline;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.post.PostCache;
import org.socialfeed.feed.post.PostStats;
import org.socialfeed.feed.post.PostView;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.redis.LuaScript;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.redis.StateMarkers;
import org.socialfeed.redis.RedisReads;
import org.socialfeed.support.paging.PageRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The home timeline, read side, without blocking a thread: a page costs a few round trips whatever its size: (1)
 * one script for the page of the reader's own timeline, the celebrities they follow and their mute/block sets; (2) the same
 * page of each followed celebrity's recent posts, merged in id order; (3) one MGET of the page's post views; (4) the
 * reposted originals' views, all counts, the reader's likes and reposts and the follows the policy asks about. Each
 * status is its template ({@link PostView}, rendered when the post was cached) with counts and flags filled in: no
 * JSON is parsed or built per read (ADR 17). A reader whose timeline is not maintained gets it rebuilt first (on a
 * worker thread), so a cold cache never shows an empty timeline; that is also when a read checks that Redis still has
 * feed-service's state (ADR 6).
 */
@ApplicationScoped
public class HomeReader {

    /**
     * A read's first round trip as one command over the reader's own keys (one cluster slot): their last-read mark
     * ('' if none), the celebrities they follow, the page of their own timeline, their mute, block and blocked-by
     * sets. KEYS: last read, followed celebrities, timeline, muting, blocking, blocked-by. ARGV: lowest id (exclusive
     * form), highest id, limit, 1 to read oldest first.
     */
    private static final LuaScript PAGE_START = new LuaScript("""
            local ids
            if ARGV[4] == '1' then
              ids = redis.call('ZRANGEBYSCORE', KEYS[3], ARGV[1], ARGV[2], 'LIMIT', 0, ARGV[3])
            else
              ids = redis.call('ZREVRANGEBYSCORE', KEYS[3], ARGV[2], ARGV[1], 'LIMIT', 0, ARGV[3])
            end
            return {redis.call('GET', KEYS[1]) or '', redis.call('SMEMBERS', KEYS[2]), ids,
                    redis.call('SMEMBERS', KEYS[4]), redis.call('SMEMBERS', KEYS[5]),
                    redis.call('SMEMBERS', KEYS[6])}
            """);

    private final RedisReads reads;
    private final StateMarkers markers;
    private final TimelineStore timelines;
    private final AuthorPosts authors;
    private final ActiveReaders readers;
    private final TimelineRebuilder rebuilder;
    private final ReaderRelations relations;
    private final HomePolicy policy;
    private final PostCache posts;
    private final PostStats stats;
    private final RecoveryGate recovery;

    public HomeReader(RedisReads reads, StateMarkers markers, TimelineStore timelines,
                      AuthorPosts authors, ActiveReaders readers, TimelineRebuilder rebuilder,
                      ReaderRelations relations, HomePolicy policy, PostCache posts, PostStats stats,
                      RecoveryGate recovery) {
        this.reads = reads;
        this.markers = markers;
        this.timelines = timelines;
        this.authors = authors;
        this.readers = readers;
        this.rebuilder = rebuilder;
        this.relations = relations;
        this.policy = policy;
        this.posts = posts;
        this.stats = stats;
        this.recovery = recovery;
    }

    /**
     * One page of statuses, newest first.
     *
     * @param cursorIds the ids the page covered (before filtering), for the Link header
     */
    public record Page(List<RenderedStatus> statuses, List<String> cursorIds) {

        /**
         * The statuses as Mastodon's JSON array, copied straight into the one array the response writes (no
         * page-sized String in between: a page is about 24 KB, and every copy of it is garbage of every read; nor
         * Netty's default allocator, which counts every heap buffer it hands out in a shared counter).
         */
        public Buffer json() {
            int length = 2 + Math.max(0, statuses.size() - 1);
            for (RenderedStatus status : statuses) {
                length += status.json().length;
            }
            byte[] page = new byte[length];
            page[0] = '[';
            int at = 1;
            for (int i = 0; i < statuses.size(); i++) {
                if (i > 0) {
                    page[at++] = ',';
                }
                byte[] status = statuses.get(i).json();
                System.arraycopy(status, 0, page, at, status.length);
                at += status.length;
            }
            page[at] = ']';
            return Buffer.buffer(Unpooled.wrappedBuffer(page));
        }
    }

    /**
     * One status of a home timeline, rendered for its reader; {@code entryId} is the repost's id for a repost.
     *
     * @param json the Status in UTF-8
     */
    public record RenderedStatus(String entryId, byte[] json) {

        public String jsonText() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /**
     * Which entries may be rendered for a reader: the home policy's {@link HomePolicy#admits} unless a caller asks
     * it otherwise for some entries (the ranked timeline's suggestions, {@link HomePolicy#admitsSuggestion}).
     */
    @FunctionalInterface
    public interface Admission {
        boolean admits(String entryId, HomeEntry entry, Reader reader);
    }

    /**
     * Reads a page. The round trips keep to the serving event loop's own Redis connection and carry on in Lettuce's
     * callbacks on that same loop (ADR 25), so a read served on an event loop never changes thread.
     */
    public CompletionStage<Page> read(String userId, PageRequest page) {
        if (!recovery.isRecovered()) {
            return blocking(recovery::awaitRecovered).thenCompose(ready -> readRecovered(userId, page));
        }
        return readRecovered(userId, page);
    }

    private CompletionStage<Page> readRecovered(String userId, PageRequest page) {
        RedisReads.Connection redis = reads.connection();
        String[] keys = {RedisKeys.lastRead(userId), RedisKeys.followedCelebrities(userId),
                RedisKeys.timeline(userId), RedisKeys.muting(userId), RedisKeys.blocking(userId),
                RedisKeys.blockedBy(userId)};
        CompletionStage<List<Object>> started = PAGE_START.call(redis, ScriptOutputType.MULTI, keys,
                "(" + page.lowerBound(), page.maxId() == null ? "+inf" : "(" + page.maxId(),
                String.valueOf(page.limit()), page.readsUpward() ? "1" : "0");

        return started.thenCompose(answer -> {
            String lastRead = (String) answer.get(0);
            Set<String> followedCelebrities = Set.copyOf(strings(answer.get(1)));
            Reader blocksAndMutes = new Reader(userId, Set.of(), Set.copyOf(strings(answer.get(3))),
                    Set.copyOf(strings(answer.get(4))), Set.copyOf(strings(answer.get(5))), Set.of());
            Double lastReadAt = lastRead.isEmpty() ? null : Double.valueOf(lastRead);
            if (!readers.isActive(lastReadAt)) {
                return blocking(() -> rebuild(userId))
                        .thenCompose(rebuilt -> send(redis, range(redis.commands(), userId, page)))
                        .thenCompose(ids -> merge(redis, page, ids, followedCelebrities, blocksAndMutes));
            }
            if (readers.needsRefresh(lastReadAt)) {
                readers.markActiveLater(userId);
            }
            return merge(redis, page, strings(answer.get(2)), followedCelebrities, blocksAndMutes);
        });
    }

    /**
     * Rebuilds the timeline of a reader who is not active. This is also where a lost Redis shows (a flush forgets
     * who is active too): then the read waits for the replay rather than show an empty timeline.
     */
    private void rebuild(String userId) {
        if (!markers.allPresent()) {
            recovery.lost();
            recovery.awaitRecovered();
        }
        rebuilder.rebuild(userId, recovery.isRecovered());
    }

    /** Merges the page of each followed celebrity's recent posts into the reader's own page, in id order. */
    private CompletionStage<Page> merge(RedisReads.Connection redis, PageRequest page, List<String> own,
                                        Set<String> followedCelebrities, Reader reader) {
        List<CompletableFuture<List<String>>> merged = new ArrayList<>();
        for (String celebrity : followedCelebrities) {
            if (!policy.excludesAuthor(celebrity, reader)) {
                merged.add(authors.range(redis.commands(), celebrity, bounds(page), page.limit(), page.readsUpward())
                        .toCompletableFuture());
            }
        }
        if (merged.isEmpty()) {
            return hydrate(redis, pageOf(page, own, List.of()), reader);
        }
        return send(redis, CompletableFuture.allOf(merged.toArray(CompletableFuture[]::new))).thenCompose(answered ->
                hydrate(redis, pageOf(page, own, merged.stream().map(CompletableFuture::join).toList()), reader));
    }

    private static List<String> pageOf(PageRequest page, List<String> own, List<List<String>> merged) {
        List<Long> ids = new ArrayList<>(own.size() * (merged.size() + 1));
        own.forEach(id -> ids.add(Long.parseLong(id)));
        merged.forEach(part -> part.forEach(id -> ids.add(Long.parseLong(id))));
        if (!merged.isEmpty()) {
            // in the order the ranges were read: newest first, or oldest first when reading upward
            ids.sort(page.readsUpward() ? null : Collections.reverseOrder());
        }
        List<String> pageIds = new ArrayList<>(page.limit());
        long previous = Long.MIN_VALUE;
        for (Long id : ids) {
            if (pageIds.size() == page.limit()) {
                break;
            }
            if (id != previous) {
                pageIds.add(id.toString());
            }
            previous = id;
        }
        if (page.readsUpward()) {
            Collections.reverse(pageIds);
        }
        return pageIds;
    }

    private CompletionStage<Page> hydrate(RedisReads.Connection redis, List<String> entryIds, Reader blocksAndMutes) {
        return statuses(redis, entryIds, blocksAndMutes, this::admits)
                .thenApply(statuses -> new Page(statuses, entryIds));
    }

    /**
     * Renders timeline entries in the given order: one MGET for the entries' views, then one pipelined batch for
     * reposted originals, every count and the reader's follows the policy asks about. Entries no longer cached
     * (deleted), entries {@link HomePolicy} does not admit for the reader (whether fanned out or merged in from a
     * celebrity), and a second appearance of the same original are left out.
     *
     * @param blocksAndMutes the reader with their mute and block sets; their follows are loaded here
     */
    private CompletionStage<List<RenderedStatus>> statuses(RedisReads.Connection redis, List<String> entryIds,
                                                          Reader blocksAndMutes, Admission admission) {
        if (entryIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return send(redis, posts.fetchViews(redis, entryIds)).thenCompose(values -> {
            Map<String, PostView> entries = decode(values);
            Set<String> originalIds = new LinkedHashSet<>();
            List<String> shownIds = new ArrayList<>(entries.size());
            List<HomeEntry> facts = new ArrayList<>(entries.size());
            for (PostView entry : entries.values()) {
                shownIds.add(entry.isRepost() ? entry.reblogOfId() : entry.id());
                if (entry.isRepost()) {
                    originalIds.add(entry.reblogOfId());
                }
                facts.add(HomeEntry.of(entry, null));
            }
            RedisClusterAsyncCommands<String, String> commands = redis.commands();
            CompletableFuture<Map<String, PostView>> originals = originalIds.isEmpty()
                    ? CompletableFuture.completedFuture(Map.of())
                    : posts.fetchViews(redis, originalIds).thenApply(HomeReader::decode);
            CompletableFuture<Map<String, PostStats.Stats>> counts =
                    stats.fetch(commands, blocksAndMutes.id(), shownIds).toCompletableFuture();
            // which accounts' follows the policy asks about does not depend on the originals' mentions
            ReaderRelations.PendingFollows follows = relations.fetchFollows(commands, blocksAndMutes.id(), facts);
            return send(redis, CompletableFuture.allOf(originals, counts, follows.done())).thenApply(answered ->
                    render(entryIds, entries, originals.join(), counts.join(), follows.addTo(blocksAndMutes),
                            admission));
        });
    }

    private List<RenderedStatus> render(List<String> entryIds, Map<String, PostView> entries,
                                        Map<String, PostView> originals, Map<String, PostStats.Stats> counts,
                                        Reader reader, Admission admission) {
        List<RenderedStatus> statuses = new ArrayList<>(entryIds.size());
        Set<String> shown = new HashSet<>();
        for (String id : entryIds) {
            PostView entry = entries.get(id);
            if (entry == null) {
                continue;
            }
            PostView original = entry.isRepost() ? originals.get(entry.reblogOfId()) : null;
            if ((entry.isRepost() && original == null)
                    || !admission.admits(id, HomeEntry.of(entry, original), reader)) {
                continue;
            }
            String shownId = original != null ? original.id() : entry.id();
            if (!shown.add(shownId)) {
                continue;
            }
            var interactions = counts.getOrDefault(shownId, PostStats.Stats.NONE).interactions();
            statuses.add(new RenderedStatus(entry.id(), original == null ? entry.template().status(interactions)
                    : entry.template().repost(original.template(), interactions)));
        }
        return statuses;
    }

    /** Renders entries for a reader, loading their mutes and blocks first (the live stream's single entries). */
    public CompletionStage<List<RenderedStatus>> statuses(String viewerId, List<String> entryIds) {
        return statuses(viewerId, entryIds, this::admits);
    }

    /** Renders entries for a reader in the given order, leaving out those {@code admission} does not admit. */
    public CompletionStage<List<RenderedStatus>> statuses(String viewerId, List<String> entryIds,
                                                          Admission admission) {
        RedisReads.Connection redis = reads.connection();
        ReaderRelations.PendingBlocks blocks = relations.fetchBlocksAndMutes(redis.commands(), viewerId);
        return send(redis, blocks.done())
                .thenCompose(answered -> statuses(redis, entryIds, blocks.get(), admission));
    }

    /**
     * As {@link #statuses(String, List, Admission)} for a reader whose mutes and blocks were read in this request
     * already ({@code blocksAndMutes}, as {@link ReaderRelations#fetchBlocksAndMutes} gives them).
     */
    public CompletionStage<List<RenderedStatus>> statuses(Reader blocksAndMutes, List<String> entryIds,
                                                          Admission admission) {
        return statuses(reads.connection(), entryIds, blocksAndMutes, admission);
    }

    private boolean admits(String entryId, HomeEntry entry, Reader reader) {
        return policy.admits(entry, reader);
    }

    /** Sends the commands queued on the connection; returns what waits for their answers. */
    private static <T> CompletionStage<T> send(RedisReads.Connection redis, CompletionStage<T> answers) {
        redis.send();
        return answers;
    }

    private CompletableFuture<List<String>> range(RedisClusterAsyncCommands<String, String> commands, String userId,
                                                  PageRequest page) {
        return timelines.range(commands, userId, bounds(page), page.limit(), page.readsUpward())
                .toCompletableFuture();
    }

    /** The ids a page may hold, both ends excluded. */
    private static Range<Long> bounds(PageRequest page) {
        return Range.from(Range.Boundary.excluding(page.lowerBound()),
                page.maxId() == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(page.maxId()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object scriptArray) {
        return (List<String>) scriptArray;
    }

    private static Map<String, PostView> decode(List<byte[]> values) {
        Map<String, PostView> views = new HashMap<>(values.size() * 2);
        for (byte[] value : values) {
            if (value != null) {
                PostView view = PostView.decode(value);
                views.put(view.id(), view);
            }
        }
        return views;
    }

    private static CompletableFuture<Void> blocking(Runnable work) {
        return CompletableFuture.runAsync(work, Infrastructure.getDefaultWorkerPool());
    }
}
