package org.socialfeed.feed.ranking;

import io.lettuce.core.Range;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.vertx.core.buffer.Buffer;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.post.PostView;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.feed.timeline.AuthorPosts;
import org.socialfeed.feed.timeline.HomeReader;
import org.socialfeed.feed.timeline.ReaderRelations;
import org.socialfeed.feed.timeline.TimelineStore;
import org.socialfeed.ranking.Candidate;
import org.socialfeed.ranking.Decay;
import org.socialfeed.ranking.RankingModel;
import org.socialfeed.ranking.Score;
import org.socialfeed.ranking.Suggestions;
import org.socialfeed.redis.RedisReads;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.paging.PageRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The ranked home timeline, read side (ADR 21). A first page ranks a snapshot: the newest {@code candidates} entries
 * of the reader's home timeline (followed celebrities' merged in, as {@link HomeReader} merges them) and posts that
 * several followed accounts liked or reposted, scored by {@link RankingModel} from the reader's signals and, when
 * there is more than one page of it, stored as one string under a snapshot id for {@code snapshot-ttl} (one per reader:
 * a new ranking replaces it); later pages are read from that list by offset, so paging neither repeats nor skips
 * what the first page saw. A first page whose ranking inputs ({@link RankingInputs}) are those of the stored snapshot,
 * ranked at most {@code counts-max-age} ago, is read from that snapshot instead of ranking again (ADR 37). Every page is rendered by {@link HomeReader}: the same
 * pre-rendered statuses, and the home policy asked about every entry at render time (suggestions by
 * {@link HomePolicy#admitsSuggestion}), so a block, mute or suspension after the snapshot shows at once.
 * <p>
 * A ranking costs four pipelined round trips before rendering: (1) the reader's timeline window, followed
 * celebrities, affinities, endorsements, mutes and blocks; (2) the celebrities' recent entries; (3) who every
 * candidate is by and (4) every candidate's counts, each one {@code MGET} of what {@link CandidateFacts} does not
 * remember (usually nothing). A reused ranking and a later page cost one (two with followed celebrities).
 */
@ApplicationScoped
public class RankedReader {

    private static final PageRequest FIRST_ENTRY = new PageRequest(null, null, null, 1);
    private static final char CURSOR_SEPARATOR = '-';

    private final RedisReads reads;
    private final HomeReader timeline;
    private final TimelineStore timelines;
    private final AuthorPosts authors;
    private final ActiveReaders readers;
    private final ReaderRelations relations;
    private final HomePolicy policy;
    private final CandidateFacts facts;
    private final RecoveryGate recovery;
    private final RankingConfig config;
    private final Decay decay;
    private final Counter computed;
    private final Counter reused;

    public RankedReader(RedisReads reads, HomeReader timeline, TimelineStore timelines, AuthorPosts authors,
                        ActiveReaders readers, ReaderRelations relations, HomePolicy policy, CandidateFacts facts,
                        RecoveryGate recovery, RankingConfig config, MeterRegistry meters) {
        this.reads = reads;
        this.timeline = timeline;
        this.timelines = timelines;
        this.authors = authors;
        this.readers = readers;
        this.relations = relations;
        this.policy = policy;
        this.facts = facts;
        this.recovery = recovery;
        this.config = config;
        this.decay = new Decay(config.affinityHalfLife());
        this.computed = rankings(meters, "computed");
        this.reused = rankings(meters, "reused");
    }

    /**
     * A page of statuses in ranked order, each with its {@code socialfeed_ranking} field.
     *
     * @param json       the statuses as Mastodon's JSON array
     * @param nextCursor the cursor of the next page, null after the last
     */
    public record RankedPage(Buffer json, String nextCursor) {
    }

    /**
     * @param cursor      null for a new ranking, else the {@code nextCursor} of the page before
     * @param suggestions whether a new ranking may suggest posts of accounts the reader does not follow
     */
    public CompletionStage<RankedPage> read(String readerId, String cursor, int limit, boolean suggestions) {
        if (cursor == null) {
            return rank(readerId, suggestions && config.suggestions(), limit, true).thenCompose(ranking -> {
                CompletionStage<RankedPage> first = render(readerId, ranking.shunning(), ranking.snapshotId(),
                        ranking.entries().subList(0, Math.min(limit, ranking.entries().size())), 0, ranking.size());
                // stored only if there is a next page to read from it, and not again when it is the stored one
                return ranking.stored() || ranking.size() <= limit ? first
                        : first.thenCombine(store(readerId, ranking), (page, stored) -> page);
            });
        }
        int separator = cursor.lastIndexOf(CURSOR_SEPARATOR);
        String snapshotId = separator > 0 ? cursor.substring(0, separator) : "";
        int offset = separator > 0 ? parseOffset(cursor.substring(separator + 1)) : -1;
        if (offset < 0 || !snapshotId.chars().allMatch(Character::isLetterOrDigit)) {
            throw new BadRequestException("max_id must be a cursor of the ranked timeline, got '" + cursor + "'");
        }
        RedisReads.Connection redis = reads.connection();
        CompletionStage<String> stored = redis.commands().get(RedisKeys.rankedSnapshot(readerId));
        redis.send();
        return stored.thenCompose(snapshot -> {
            String[] lines = snapshot == null ? new String[0] : snapshot.split("\n");
            if (lines.length == 0 || !snapshotId.equals(SnapshotHeader.parse(lines[0]).snapshotId())) {
                return CompletableFuture.failedFuture(new ClientErrorException("This ranking expired or was replaced "
                        + "by a newer one: read the ranked timeline from its start", Response.Status.GONE));
            }
            int from = Math.min(offset + 1, lines.length);
            List<RankedEntry> entries = Arrays.stream(lines, from, Math.min(from + limit, lines.length))
                    .map(RankedEntry::decode).toList();
            return render(readerId, null, snapshotId, entries, offset, lines.length - 1);
        });
    }

    private static int parseOffset(String offset) {
        try {
            return Integer.parseInt(offset);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Renders one page of a snapshot: through {@link HomeReader}, which asks the policy about every entry.
     *
     * @param shunning the reader's mutes and blocks if this request read them already, else null
     */
    private CompletionStage<RankedPage> render(String readerId, Reader shunning, String snapshotId,
                                              List<RankedEntry> page, int offset, long snapshotSize) {
        Map<String, RankedEntry> byId = new HashMap<>(page.size() * 2);
        page.forEach(entry -> byId.put(entry.entryId(), entry));
        HomeReader.Admission admission = (id, entry, reader) -> byId.get(id).suggested()
                ? policy.admitsSuggestion(entry, reader) : policy.admits(entry, reader);
        String next = offset + page.size() < snapshotSize ? snapshotId + CURSOR_SEPARATOR + (offset + page.size())
                : null;
        List<String> entryIds = page.stream().map(RankedEntry::entryId).toList();
        return (shunning == null ? timeline.statuses(readerId, entryIds, admission)
                : timeline.statuses(shunning, entryIds, admission)).thenApply(statuses -> new RankedPage(new HomeReader.Page(statuses.stream()
                        .map(status -> new HomeReader.RenderedStatus(status.entryId(),
                                byId.get(status.entryId()).explain(status.jsonText())
                                        .getBytes(StandardCharsets.UTF_8)))
                        .toList(), List.of()).json(), next));
    }

    /** What the first round trip reads. */
    private record Signals(Reader shunning, Map<String, Double> affinity, Map<String, Set<String>> endorsers) {
    }

    /**
     * A ranking for a first page.
     *
     * @param inputs   the digest of what it was ranked from ({@link RankingInputs})
     * @param rankedAt when it was ranked, in epoch milliseconds
     * @param entries  best first: all of them, or only the first page's when it is the stored one
     * @param size     how many entries it has
     * @param stored   whether it is the reader's stored snapshot, reused
     * @param shunning the reader's mutes and blocks, read with the inputs
     */
    private record Ranking(String snapshotId, long inputs, long rankedAt, List<RankedEntry> entries, int size,
                           boolean stored, Reader shunning) {
    }

    /** A stored snapshot's first line: its id, the digest of its inputs and when it was ranked. */
    private record SnapshotHeader(String snapshotId, long inputs, long rankedAt) {

        String encode() {
            return snapshotId + " " + inputs + " " + rankedAt;
        }

        /** A header of one word (a snapshot stored before digests) has no inputs to match: never reused. */
        static SnapshotHeader parse(String line) {
            String[] parts = line.split(" ");
            return parts.length == 3 ? new SnapshotHeader(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]))
                    : new SnapshotHeader(parts[0], 0, Long.MIN_VALUE);
        }
    }

    private CompletionStage<Ranking> rank(String readerId, boolean suggestions, int limit, boolean mayRebuild) {
        if (!recovery.isRecovered()) {
            return timeline.read(readerId, FIRST_ENTRY).thenCompose(waited -> rank(readerId, suggestions, limit,
                    false));
        }
        RedisReads.Connection redis = reads.connection();
        RedisClusterAsyncCommands<String, String> commands = redis.commands();
        RedisFuture<String> lastRead = commands.get(RedisKeys.lastRead(readerId));
        RedisFuture<Set<String>> celebrities = commands.smembers(RedisKeys.followedCelebrities(readerId));
        RedisFuture<List<String>> own = timelines.range(commands, readerId, Range.unbounded(), config.candidates(),
                false);
        RedisFuture<List<ScoredValue<String>>> affinity = commands.zrevrangeWithScores(RedisKeys.affinity(readerId),
                0, config.topAuthors() - 1L);
        RedisFuture<List<String>> endorsed = commands.zrange(RedisKeys.endorsed(readerId), 0, -1);
        ReaderRelations.PendingBlocks blocks = relations.fetchBlocksAndMutes(commands, readerId);
        RedisFuture<String> stored = commands.get(RedisKeys.rankedSnapshot(readerId));
        redis.send();
        return CompletableFuture.allOf(lastRead.toCompletableFuture(), celebrities.toCompletableFuture(),
                own.toCompletableFuture(), affinity.toCompletableFuture(), endorsed.toCompletableFuture(),
                blocks.done(), stored.toCompletableFuture()).thenCompose(answered -> {
            String lastReadMark = lastRead.toCompletableFuture().join();
            Double lastReadAt = lastReadMark == null ? null : Double.valueOf(lastReadMark);
            if (mayRebuild && !readers.isActive(lastReadAt)) {
                // the chronological read rebuilds the timeline of a returning reader, then the ranking reads it
                return timeline.read(readerId, FIRST_ENTRY).thenCompose(rebuilt -> rank(readerId, suggestions, limit,
                        false));
            }
            if (readers.needsRefresh(lastReadAt)) {
                readers.markActiveLater(readerId);
            }
            Reader shunning = blocks.get();
            List<ScoredValue<String>> affinities = affinity.toCompletableFuture().join();
            List<String> endorsements = endorsed.toCompletableFuture().join();
            return window(redis, own.toCompletableFuture().join(), celebrities.toCompletableFuture().join(), shunning)
                    .thenCompose(window -> {
                        long inputs = RankingInputs.digest(suggestions, window, affinities, endorsements, shunning);
                        Ranking previous = reusable(stored.toCompletableFuture().join(), inputs, limit, shunning);
                        if (previous != null) {
                            reused.increment();
                            return CompletableFuture.completedFuture(previous);
                        }
                        computed.increment();
                        long rankedAt = System.currentTimeMillis();
                        Signals signals = new Signals(shunning, affinities(affinities), endorsers(endorsements,
                                shunning));
                        return score(redis, window, suggestions ? suggestions(signals, window) : List.of(), signals)
                                .thenApply(ranked -> new Ranking(newSnapshotId(), inputs, rankedAt, ranked,
                                        ranked.size(), false, shunning));
                    });
        });
    }

    /**
     * The reader's stored snapshot, with its first page decoded, if it was ranked from the same inputs at most
     * {@code counts-max-age} ago: what a new ranking would rank, with counts as old as a new ranking may use
     * ({@link CandidateFacts}). Else null.
     */
    private Ranking reusable(String snapshot, long inputs, int limit, Reader shunning) {
        if (snapshot == null) {
            return null;
        }
        int headerEnd = snapshot.indexOf('\n');
        SnapshotHeader header = SnapshotHeader.parse(headerEnd < 0 ? snapshot : snapshot.substring(0, headerEnd));
        if (headerEnd < 0 || header.inputs() != inputs
                || System.currentTimeMillis() - header.rankedAt() > config.countsMaxAge().toMillis()) {
            return null;
        }
        List<RankedEntry> firstPage = new ArrayList<>(limit);
        int size = 0;
        for (int from = headerEnd + 1; from < snapshot.length(); size++) {
            int end = snapshot.indexOf('\n', from);
            end = end < 0 ? snapshot.length() : end;
            if (firstPage.size() < limit) {
                firstPage.add(RankedEntry.decode(snapshot.substring(from, end)));
            }
            from = end + 1;
        }
        return new Ranking(header.snapshotId(), inputs, header.rankedAt(), firstPage, size, true, shunning);
    }

    private static String newSnapshotId() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private static Counter rankings(MeterRegistry meters, String outcome) {
        return Counter.builder("social.feed.ranked.rankings").description("First pages of the ranked timeline, "
                + "by whether they were ranked anew or read from the reader's stored ranking of the same inputs")
                .tag("outcome", outcome).register(meters);
    }

    /** The newest {@code candidates} entries of the reader's timeline merged with followed celebrities'. */
    private CompletionStage<List<String>> window(RedisReads.Connection redis, List<String> own,
                                                 Set<String> followedCelebrities, Reader shunning) {
        List<CompletableFuture<List<String>>> merged = new ArrayList<>();
        for (String celebrity : followedCelebrities) {
            if (!policy.excludesAuthor(celebrity, shunning)) {
                merged.add(authors.range(redis.commands(), celebrity, Range.unbounded(), config.candidates(), false)
                        .toCompletableFuture());
            }
        }
        if (merged.isEmpty()) {
            return CompletableFuture.completedFuture(own);
        }
        redis.send();
        return CompletableFuture.allOf(merged.toArray(CompletableFuture[]::new)).thenApply(answered -> {
            TreeSet<Long> newestFirst = new TreeSet<>(Comparator.reverseOrder());
            own.forEach(id -> newestFirst.add(Long.parseLong(id)));
            merged.forEach(part -> part.join().forEach(id -> newestFirst.add(Long.parseLong(id))));
            return newestFirst.stream().limit(config.candidates()).map(String::valueOf).toList();
        });
    }

    /** Posts liked or reposted by enough followed accounts, not already in the window ({@link Suggestions}). */
    private List<String> suggestions(Signals signals, List<String> window) {
        Set<String> inWindow = new HashSet<>(window);
        Map<Long, Integer> endorsements = new HashMap<>();
        signals.endorsers().forEach((post, endorsers) -> endorsements.put(Long.parseLong(post), endorsers.size()));
        return new Suggestions(config.suggestionEndorsements(), config.candidates() / 4)
                .pick(endorsements, post -> !inWindow.contains(post.toString())).stream()
                .map(String::valueOf).toList();
    }

    /** Learns who each candidate is by, then every candidate's counts ({@link CandidateFacts}), and scores them. */
    private CompletionStage<List<RankedEntry>> score(RedisReads.Connection redis, List<String> window,
                                                     List<String> suggested, Signals signals) {
        List<String> candidates = new ArrayList<>(window);
        candidates.addAll(suggested);
        return facts.authorships(redis, candidates).thenCompose(authorships -> {
            Set<String> suggestions = new HashSet<>(suggested);
            Set<String> shownInWindow = new HashSet<>();
            List<PostView.Authorship> found = new ArrayList<>(authorships.size());
            for (PostView.Authorship authorship : authorships) {
                boolean suggestion = suggestions.contains(authorship.id());
                if (suggestion && (authorship.isRepost() || shownInWindow.contains(authorship.id()))) {
                    continue; // the post is in the timeline already, reposted
                }
                if (!suggestion) {
                    shownInWindow.add(authorship.shownId());
                }
                found.add(authorship);
            }
            List<String> shownIds = found.stream().map(PostView.Authorship::shownId).distinct().toList();
            return facts.counts(redis, shownIds).thenApply(counts -> ranked(found, suggestions, counts, signals));
        });
    }

    /** The candidates scored, best first (newest first among equals). */
    private static List<RankedEntry> ranked(List<PostView.Authorship> found, Set<String> suggestions,
                                            Map<String, long[]> counts, Signals signals) {
        long now = System.currentTimeMillis();
        List<RankedEntry> ranked = new ArrayList<>(found.size());
        for (PostView.Authorship entry : found) {
            double posterAffinity = signals.affinity().getOrDefault(entry.authorId(), 0.0);
            double originalAffinity = entry.isRepost()
                    ? signals.affinity().getOrDefault(entry.reblogOfAuthorId(), 0.0) : 0.0;
            long[] count = counts.get(entry.shownId()); // likes, reposts, replies
            int endorsements = signals.endorsers().getOrDefault(entry.shownId(), Set.of()).size();
            long age = now - SnowflakeIds.instantOf(Long.parseLong(entry.id())).toEpochMilli();
            Score score = RankingModel.DEFAULT.score(new Candidate(Math.max(posterAffinity, originalAffinity),
                    count[0], count[1], count[2], endorsements, age));
            String detail = switch (score.reason()) {
                case SOCIAL_PROOF -> String.valueOf(endorsements);
                case AUTHOR_AFFINITY -> originalAffinity > posterAffinity
                        ? RankedEntry.ORIGINAL_AUTHOR : RankedEntry.POSTER;
                case EARLY_ENGAGEMENT, RECENCY -> "";
            };
            ranked.add(new RankedEntry(entry.id(), score.value(), score.reason(), detail,
                    suggestions.contains(entry.id())));
        }
        ranked.sort(Comparator.comparingDouble(RankedEntry::score).reversed()
                .thenComparing(entry -> Long.parseLong(entry.entryId()), Comparator.reverseOrder()));
        return ranked;
    }

    /**
     * Stores a ranking for its later pages, for {@code snapshot-ttl}, in place of the reader's previous one: one
     * string, its header ({@link SnapshotHeader}) then an entry per line, replaced whole (a page read meanwhile sees
     * the old or the new).
     */
    private CompletionStage<String> store(String readerId, Ranking ranking) {
        StringBuilder snapshot = new StringBuilder(64 + ranking.size() * 48).append(
                new SnapshotHeader(ranking.snapshotId(), ranking.inputs(), ranking.rankedAt()).encode());
        ranking.entries().forEach(entry -> snapshot.append('\n').append(entry.encode()));
        RedisReads.Connection redis = reads.connection();
        CompletionStage<String> stored = redis.commands().set(RedisKeys.rankedSnapshot(readerId),
                snapshot.toString(), SetArgs.Builder.px(config.snapshotTtl().toMillis()));
        redis.send();
        return stored;
    }

    /** Today's affinity to each of the reader's strongest authors. */
    private Map<String, Double> affinities(List<ScoredValue<String>> stored) {
        long now = System.currentTimeMillis();
        return stored.stream().collect(Collectors.toMap(ScoredValue::getValue,
                author -> decay.valueAt(author.getScore(), now), (a, b) -> a));
    }

    /** The followed accounts that liked or reposted each post, without those the reader shuns. */
    private Map<String, Set<String>> endorsers(List<String> endorsements, Reader shunning) {
        Map<String, Set<String>> byPost = new HashMap<>();
        for (String endorsement : endorsements) {
            int separator = endorsement.indexOf(':');
            String actorId = endorsement.substring(separator + 1);
            if (!policy.excludesAuthor(actorId, shunning)) {
                byPost.computeIfAbsent(endorsement.substring(0, separator), post -> new LinkedHashSet<>())
                        .add(actorId);
            }
        }
        return byPost;
    }
}
