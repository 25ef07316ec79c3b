package org.socialfeed.benchmark.ranking;

import org.socialfeed.ranking.Candidate;
import org.socialfeed.ranking.Decay;
import org.socialfeed.ranking.Interaction;
import org.socialfeed.ranking.RankingModel;
import org.socialfeed.ranking.Score;
import org.socialfeed.ranking.Suggestions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Offline evaluation of the ranked home timeline (issue 18, ADR 21): on a {@link SyntheticNetwork} whose readers
 * have hidden favourite authors and topics, replays every like and repost up to the evaluation time into the signals
 * feed-service keeps (decaying author affinity trimmed as {@code RankingSignals} trims it, followed accounts'
 * endorsements within the window, counts), then ranks each reader's home window with feed-service's own
 * {@link RankingModel} (and its {@link Suggestions}) and asks how many of the first 20 statuses the reader engages with next (the posts of the last
 * day, which their signals leave out), beside the chronological page of the same window.
 * <p>
 * {@code bin/ranking-evaluation [report.md]} prints the report (and writes it to the file if one is named).
 */
public final class RankingEvaluation {

    static final int PAGE = 20;
    /** feed-service's defaults ({@code RankingConfig}). */
    static final int CANDIDATES = 200;
    static final int INTERACTIONS_KEPT = 300;
    static final int SUGGESTION_ENDORSEMENTS = 2;
    static final Duration AFFINITY_HALF_LIFE = Duration.ofDays(30);
    static final Duration ENDORSEMENT_WINDOW = Duration.ofDays(3);
    /** Where the simulated time starts on the decay's scale (any instant after its epoch would do). */
    static final long CLOCK = Decay.EPOCH_MILLIS + Duration.ofDays(300).toMillis();

    private final SyntheticNetwork network;
    private final Decay decay = new Decay(AFFINITY_HALF_LIFE);
    private final List<List<Integer>> postsByAuthor = new ArrayList<>();

    RankingEvaluation(SyntheticNetwork network) {
        this.network = network;
        for (int a = 0; a < network.settings.accounts(); a++) {
            postsByAuthor.add(new ArrayList<>());
        }
        for (int p = 0; p < network.postTime.length; p++) {
            postsByAuthor.get(network.postAuthor[p]).add(p);
        }
    }

    /** An ordering of a reader's candidates, by what it may read. */
    record Ordering(String name, boolean suggestions, Function<ReaderView, List<Integer>> order) {
    }

    /** What a ranking knows about one reader at the evaluation time. */
    record ReaderView(List<Integer> window, List<Integer> suggested, Map<Integer, Double> affinity,
                      Map<Integer, Integer> endorsements, Map<Integer, long[]> counts, long now) {
    }

    /** Mean results of one ordering over the readers. */
    record Result(String name, double hitRate, double hitsPerPage, double ndcg) {
    }

    public static void main(String[] args) throws IOException {
        SyntheticNetwork network = new SyntheticNetwork(SyntheticNetwork.Settings.DEFAULT);
        String report = new RankingEvaluation(network).report();
        System.out.print(report);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), report);
        }
    }

    List<Ordering> orderings() {
        return List.of(
                new Ordering("chronological (GET /api/v1/timelines/home)", false, view -> view.window()),
                new Ordering("ranked (GET /api/v1/timelines/home/ranked)", true, ranked(RankingModel.DEFAULT)),
                new Ordering("ranked, suggestions=false", false, ranked(RankingModel.DEFAULT)),
                new Ordering("recency and affinity only", false, ranked(only(1, 0, 0))),
                new Ordering("recency and social proof only", false, ranked(only(0, 1, 0))),
                new Ordering("recency and engagement only", false, ranked(only(0, 0, 1))));
    }

    private static RankingModel only(double affinity, double proof, double engagement) {
        RankingModel model = RankingModel.DEFAULT;
        return new RankingModel(model.base(), model.affinity() * affinity, model.socialProof() * proof,
                model.engagement() * engagement, model.recencyHalfLife());
    }

    private Function<ReaderView, List<Integer>> ranked(RankingModel model) {
        return view -> {
            List<Integer> candidates = new ArrayList<>(view.window());
            candidates.addAll(view.suggested());
            Map<Integer, Double> scores = new HashMap<>();
            for (int post : candidates) {
                long[] counts = view.counts().getOrDefault(post, new long[2]);
                Score score = model.score(new Candidate(view.affinity().getOrDefault(post, 0.0), counts[0],
                        counts[1], 0, view.endorsements().getOrDefault(post, 0),
                        view.now() - network.postTime[post]));
                scores.put(post, score.value());
            }
            candidates.sort(Comparator.<Integer>comparingDouble(scores::get).reversed()
                    .thenComparing(Comparator.reverseOrder()));
            return candidates;
        };
    }

    String report() {
        long now = network.end();
        long labelsFrom = now - 24 * SyntheticNetwork.HOUR;
        List<Ordering> orderings = orderings();
        double[][] sums = new double[orderings.size()][3];
        int readers = 0;
        long relevantTotal = 0;
        long suggestedTotal = 0;
        for (int reader = 0; reader < network.settings.accounts(); reader++) {
            ReaderView view = view(reader, now, labelsFrom);
            Set<Integer> engaged = new HashSet<>();
            for (int post : concat(view.window(), view.suggested())) {
                if (network.postTime[post] >= labelsFrom && network.engages(reader, post)) {
                    engaged.add(post);
                }
            }
            if (engaged.isEmpty()) {
                continue;
            }
            readers++;
            relevantTotal += engaged.size();
            suggestedTotal += view.suggested().size();
            for (int o = 0; o < orderings.size(); o++) {
                Ordering ordering = orderings.get(o);
                ReaderView seen = ordering.suggestions() ? view
                        : new ReaderView(view.window(), List.of(), view.affinity(), view.endorsements(),
                        view.counts(), view.now());
                List<Integer> page = ordering.order().apply(seen);
                int hits = PageMetrics.hits(page, engaged, PAGE);
                sums[o][0] += hits > 0 ? 1 : 0;
                sums[o][1] += hits;
                sums[o][2] += PageMetrics.ndcg(page, engaged, PAGE);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int o = 0; o < orderings.size(); o++) {
            results.add(new Result(orderings.get(o).name(), sums[o][0] / readers, sums[o][1] / readers,
                    sums[o][2] / readers));
        }
        return markdown(results, readers, (double) relevantTotal / readers, (double) suggestedTotal / readers);
    }

    /** Replays the network up to {@code now} into what feed-service would hold for the reader. */
    private ReaderView view(int reader, long now, long labelsFrom) {
        List<Integer> window = new ArrayList<>();
        for (int followee : network.followees[reader]) {
            for (int post : postsByAuthor.get(followee)) {
                if (network.postTime[post] < now) {
                    window.add(post);
                }
            }
        }
        window.sort(Comparator.reverseOrder()); // newest first
        if (window.size() > CANDIDATES) {
            window = new ArrayList<>(window.subList(0, CANDIDATES));
        }

        // author affinity from the reader's own likes and reposts, leaving out the last day's (what is predicted)
        Map<String, Double> interactions = new HashMap<>();
        for (SyntheticNetwork.Engagement engagement : network.byReader.get(reader)) {
            if (engagement.at() < now && network.postTime[engagement.post()] < labelsFrom) {
                Interaction kind = engagement.repost() ? Interaction.REPOST : Interaction.LIKE;
                interactions.put(network.postAuthor[engagement.post()] + ":" + kind.code() + ":" + engagement.post(),
                        decay.grown(kind.weight(), CLOCK + engagement.at()));
            }
        }
        Map<Integer, Double> byAuthor = new HashMap<>();
        interactions.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(INTERACTIONS_KEPT) // as RankingSignals keeps the interactions that count most today
                .forEach(kept -> byAuthor.merge(Integer.parseInt(kept.getKey().split(":")[0]), kept.getValue(),
                        Double::sum));

        // endorsements by followed accounts within the window, and counts by everyone else
        Map<Integer, Set<Integer>> endorsers = new HashMap<>();
        for (int followee : network.followees[reader]) {
            for (SyntheticNetwork.Engagement engagement : network.byReader.get(followee)) {
                if (engagement.at() < now
                        && network.postTime[engagement.post()] >= now - ENDORSEMENT_WINDOW.toMillis()) {
                    endorsers.computeIfAbsent(engagement.post(), post -> new HashSet<>()).add(followee);
                }
            }
        }
        Set<Integer> inWindow = new HashSet<>(window);
        Map<Long, Integer> endorsementCounts = new HashMap<>();
        endorsers.forEach((post, accounts) -> endorsementCounts.put((long) post, accounts.size()));
        List<Integer> suggested = new Suggestions(SUGGESTION_ENDORSEMENTS, CANDIDATES / 4)
                .pick(endorsementCounts, id -> {
                    int post = id.intValue();
                    return !inWindow.contains(post) && network.postAuthor[post] != reader
                            && !network.follows(reader, network.postAuthor[post]);
                }).stream().map(Long::intValue).toList();

        Map<Integer, Double> affinity = new HashMap<>();
        Map<Integer, Integer> endorsements = new HashMap<>();
        Map<Integer, long[]> counts = new HashMap<>();
        for (int post : concat(window, suggested)) {
            affinity.put(post, decay.valueAt(byAuthor.getOrDefault(network.postAuthor[post], 0.0), CLOCK + now));
            endorsements.put(post, endorsers.getOrDefault(post, Set.of()).size());
            long[] likesAndReposts = new long[2];
            for (SyntheticNetwork.Engagement engagement : network.byPost.get(post)) {
                if (engagement.at() < now && engagement.reader() != reader) {
                    likesAndReposts[engagement.repost() ? 1 : 0]++;
                }
            }
            counts.put(post, likesAndReposts);
        }
        return new ReaderView(window, suggested, affinity, endorsements, counts, now);
    }

    private static List<Integer> concat(List<Integer> first, List<Integer> second) {
        List<Integer> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private String markdown(List<Result> results, int readers, double relevant, double suggested) {
        SyntheticNetwork.Settings s = network.settings;
        StringBuilder md = new StringBuilder();
        md.append("# Ranked home timeline: offline evaluation\n\n");
        md.append(String.format(Locale.ROOT, "Network: %d accounts, each following %d (Zipf popularity), %d topics, "
                        + "%d days, %,d posts, %,d likes and reposts; seed %d. Hidden preferences: %d favourite "
                        + "followees and 2 favourite topics per reader; engagement probability %.2f + %.2f (favourite "
                        + "author) + %.2f (favourite topic) + %.2f x post quality (cubed uniform).%n%n",
                s.accounts(), s.follows(), s.topics(), s.days(), network.postTime.length,
                network.byPost.stream().mapToInt(List::size).sum(), s.seed(), s.favouriteAuthors(), s.base(),
                s.favouriteAuthor(), s.favouriteTopic(), s.quality()));
        md.append(String.format(Locale.ROOT, "Evaluated at the end of day %d: %d readers with at least one post of "
                        + "the last day they engage with among their candidates (%.1f such posts each on average); "
                        + "%d candidates (the newest of the home timeline) and %.1f suggestions per reader. Signals "
                        + "leave out the reader's engagement with the last day's posts, which is what is predicted.%n%n",
                s.days(), readers, relevant, CANDIDATES, suggested));
        md.append("| ordering | hit rate@20 | engaged posts in the top 20 | NDCG@20 |\n|---|---:|---:|---:|\n");
        for (Result result : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.2f | %.3f |%n", result.name(), result.hitRate(),
                    result.hitsPerPage(), result.ndcg()));
        }
        Result chronological = results.get(0);
        Result ranked = results.get(1);
        md.append(String.format(Locale.ROOT, "%nRanked against chronological: NDCG@20 x%.2f (%+.3f), engaged posts "
                        + "in the top 20 x%.2f, hit rate@20 %+.3f.%n", ranked.ndcg() / chronological.ndcg(),
                ranked.ndcg() - chronological.ndcg(), ranked.hitsPerPage() / chronological.hitsPerPage(),
                ranked.hitRate() - chronological.hitRate()));
        return md.toString();
    }
}
