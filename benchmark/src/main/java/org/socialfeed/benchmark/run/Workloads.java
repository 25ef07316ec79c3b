package org.socialfeed.benchmark.run;

import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.graph.SocialGraph;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.report.Names;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * The operations of DeathStarBench's socialNetwork workloads against this system, with their actors drawn from the
 * loaded graph. Each request's choices are a pure function of the run seed and the request's sequence number (no
 * shared random generator), so any thread may build any request.
 */
final class Workloads {

    static final int PAGE = 20;
    private static final int SAMPLE_EVERY = 50;
    private static final int RECENT = 4096;

    private final SocialApi api;
    private final SocialGraph graph;
    private final List<Account> accounts;
    private final int[] regulars;
    private final long seed;
    private final AtomicReferenceArray<String> recentPosts = new AtomicReferenceArray<>(RECENT);
    private final AtomicLong postsSeen = new AtomicLong();
    private final LongAdder pagesSampled = new LongAdder();
    private final LongAdder statusesSampled = new LongAdder();

    Workloads(SocialApi api, SocialGraph graph, List<Account> accounts, List<String> seedPosts, long seed) {
        this.api = api;
        this.graph = graph;
        this.accounts = accounts;
        this.regulars = graph.regularActors();
        this.seed = seed;
        seedPosts.forEach(this::remember);
    }

    /** The reader of home-timeline request {@code sequence}: a regular actor, as {@link #home()} picks. */
    Account homeReader(long sequence) {
        return regular(sequence, 1);
    }

    Operation home() {
        return Operation.of(Names.HOME, sequence -> {
            boolean sample = sequence % SAMPLE_EVERY == 0;
            return api.homeTimeline(homeReader(sequence), PAGE).thenApply(response -> {
                if (sample && SocialApi.ok(response)) {
                    pagesSampled.increment();
                    statusesSampled.add(api.pageSize(response));
                }
                return SocialApi.ok(response);
            });
        });
    }

    /** Who reads, and whose statuses they read, in user-timeline request {@code sequence}. */
    Account userTimelineReader(long sequence) {
        return regular(sequence, 2);
    }

    Account userTimelineAuthor(long sequence) {
        return regular(sequence, 3);
    }

    Operation userTimeline() {
        return Operation.of(Names.USER_TIMELINE, sequence ->
                api.userTimeline(userTimelineReader(sequence), userTimelineAuthor(sequence).id(), PAGE));
    }

    /** A post by a regular author other than the delivery probe's (celebrities post only in the delivery phase). */
    Operation compose() {
        return Operation.of(Names.COMPOSE, sequence -> api.compose(poster(sequence), postText(sequence))
                .thenApply(id -> {
                    if (id != null) {
                        remember(id);
                    }
                    return id != null;
                }));
    }

    /** The author of post {@code sequence}: a regular author other than the delivery probe's. */
    Account poster(long sequence) {
        Account author = regular(sequence, 4);
        return author.index() == graph.probeAuthor() ? accounts.get(regulars[regulars.length / 2]) : author;
    }

    static String postText(long sequence) {
        return "benchmark post " + sequence + " #bench";
    }

    Operation like() {
        return Operation.of(Names.LIKE, sequence -> {
            long known = Math.min(postsSeen.get(), RECENT);
            if (known == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            String post = recentPosts.get((int) Math.floorMod(hash(sequence, 5), known));
            return api.favourite(regular(sequence, 6), post);
        });
    }

    Operation follow() {
        return Operation.of(Names.FOLLOW, sequence -> {
            Account follower = regular(sequence, 7);
            Account followee = regular(sequence, 8);
            if (followee.index() == follower.index()) {
                followee = accounts.get(regulars[(int) Math.floorMod(follower.index() + 1 - regulars[0],
                        regulars.length)]);
            }
            return api.follow(follower, followee.id());
        });
    }

    /** DeathStarBench's mixed workload: 60% home-timeline reads, 30% user-timeline reads, 10% posts. */
    LongFunction<Operation> mix() {
        return mix(home(), userTimeline(), compose());
    }

    /** The mix of {@link #mix()} over other operations for the same three requests. */
    LongFunction<Operation> mix(Operation home, Operation user, Operation compose) {
        return sequence -> {
            long roll = Math.floorMod(hash(sequence, 9), 100);
            return roll < 60 ? home : roll < 90 ? user : compose;
        };
    }

    double meanPageSize() {
        long pages = pagesSampled.sum();
        return pages == 0 ? 0 : statusesSampled.sum() / (double) pages;
    }

    private Account regular(long sequence, int salt) {
        return accounts.get(regulars[(int) Math.floorMod(hash(sequence, salt), regulars.length)]);
    }

    private void remember(String postId) {
        recentPosts.set((int) (postsSeen.getAndIncrement() % RECENT), postId);
    }

    /** SplitMix64 of (seed, sequence, salt): a well-spread, reproducible choice per request. */
    long hash(long sequence, int salt) {
        long z = seed + sequence * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
