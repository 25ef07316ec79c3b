package org.socialfeed.benchmark.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.load.ClosedLoop;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.load.Progress;
import org.socialfeed.benchmark.measure.ConsumerLag;
import org.socialfeed.events.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Puts a generated graph into the running system quickly, and honestly:
 * <ol>
 *   <li>the actors (accounts that post, read, like and follow) register over HTTP, bcrypt and all;</li>
 *   <li>their follows of each other go over HTTP through user-service, which publishes them through its outbox;</li>
 *   <li>the passive followers (tens or hundreds of thousands; registering them would take bcrypt minutes) are
 *       produced as follow events straight to Kafka, which is all feed-service ever learns about a follower;</li>
 *   <li>every actor posts a few statuses over HTTP so timelines have something in them;</li>
 * </ol>
 * and after steps 3 and 4 it waits until feed-service's consumer group has read the topics to the end (and
 * post-service's has read the follows), so the phases measure the system at rest, not catching up.
 */
public final class GraphLoader {

    private static final int REGISTER_CONCURRENCY = 4;   // bcrypt is CPU-bound: more only queues
    static final int HTTP_CONCURRENCY = 16;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /** post-service keeps a follows replica too (followers-only posts); the phases start once it has it all. */
    private static final String POST_GROUP = "post-service";

    private final SocialApi api;
    private final ObjectMapper json;
    private final String kafkaBootstrap;
    private final String feedGroup;

    public GraphLoader(SocialApi api, ObjectMapper json, String kafkaBootstrap, String feedGroup) {
        this.api = api;
        this.json = json;
        this.kafkaBootstrap = kafkaBootstrap;
        this.feedGroup = feedGroup;
    }

    /** The loaded graph: the accounts by actor index, and the ids of the seed posts. */
    public record Loaded(List<Account> accounts, List<String> seedPostIds, LoadSummary summary) {
    }

    public Loaded load(SocialGraph graph, String usernamePrefix, int seedPostsPerActor) throws InterruptedException {
        int actors = graph.actors();
        AtomicReferenceArray<Account> accounts = new AtomicReferenceArray<>(actors);
        long start = System.nanoTime();
        runAll("register accounts (HTTP)", actors, REGISTER_CONCURRENCY, Operation.of("register",
                index -> api.register((int) index, usernamePrefix + index)
                        .thenApply(account -> {
                            accounts.set((int) index, account);
                            return true;
                        })));
        double registerSeconds = seconds(start);
        List<Account> registered = new ArrayList<>(actors);
        String[] ids = new String[actors];
        for (int i = 0; i < actors; i++) {
            registered.add(accounts.get(i));
            ids[i] = accounts.get(i).id();
        }

        long[] pairs = followPairs(graph);
        start = System.nanoTime();
        runAll("follow (HTTP)", pairs.length, HTTP_CONCURRENCY, Operation.of("follow",
                i -> api.follow(registered.get((int) (pairs[(int) i] >>> 32)), ids[(int) pairs[(int) i]])));
        double followSeconds = seconds(start);

        start = System.nanoTime();
        long synthetic = graph.totalSyntheticFollows();
        try (FollowEventProducer producer = new FollowEventProducer(kafkaBootstrap, json);
             Progress progress = Progress.start("follow events (Kafka)", synthetic)) {
            producer.sendAll(graph, ids, progress::set);
        }
        double kafkaSeconds = seconds(start);

        List<String> postIds = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] authors = seedAuthors(graph, seedPostsPerActor);
        start = System.nanoTime();
        runAll("seed posts (HTTP)", authors.length, HTTP_CONCURRENCY, Operation.of("seed-post",
                i -> api.compose(registered.get(authors[(int) i]), "seed post " + i + " #benchmark")
                        .thenApply(id -> id != null && postIds.add(id))));
        double seedSeconds = seconds(start);

        start = System.nanoTime();
        boolean caughtUp;
        try (ConsumerLag lag = new ConsumerLag(kafkaBootstrap)) {
            caughtUp = lag.awaitCaughtUp(feedGroup, Topics.FOLLOWS, synthetic + pairs.length, CATCH_UP_TIMEOUT,
                    "feed-service reads follows")
                    && lag.awaitCaughtUp(POST_GROUP, Topics.FOLLOWS, synthetic + pairs.length, CATCH_UP_TIMEOUT,
                    "post-service reads follows")
                    && lag.awaitCaughtUp(feedGroup, Topics.POSTS, authors.length, CATCH_UP_TIMEOUT,
                    "feed-service reads posts");
        }
        if (!caughtUp) {
            System.out.println("  WARNING: the consumers did not catch up within "
                    + CATCH_UP_TIMEOUT.toMinutes() + " min; later phases may see partly loaded timelines");
        }
        List<Integer> celebrityFollowers = new ArrayList<>();
        for (int c = 0; c < graph.celebrities(); c++) {
            celebrityFollowers.add(graph.followerCount(c));
        }
        LoadSummary summary = new LoadSummary(actors, registerSeconds, pairs.length, followSeconds, synthetic,
                graph.syntheticAccounts(), kafkaSeconds, authors.length, seedSeconds, caughtUp, seconds(start),
                graph.followerCount(graph.probeAuthor()), celebrityFollowers, 0);
        return new Loaded(List.copyOf(registered), List.copyOf(postIds), summary);
    }

    /** Every (follower, followee) actor pair, packed as {@code follower << 32 | followee}. */
    static long[] followPairs(SocialGraph graph) {
        long[] pairs = new long[(int) graph.totalActorFollows()];
        int n = 0;
        for (int follower = 0; follower < graph.actors(); follower++) {
            for (int followee : graph.followees(follower)) {
                pairs[n++] = (long) follower << 32 | followee;
            }
        }
        return pairs;
    }

    /** Authors of the seed posts: every actor {@code perActor} times, interleaved so authors alternate. */
    static int[] seedAuthors(SocialGraph graph, int perActor) {
        int[] authors = new int[graph.actors() * perActor];
        for (int round = 0; round < perActor; round++) {
            for (int actor = 0; actor < graph.actors(); actor++) {
                authors[round * graph.actors() + actor] = actor;
            }
        }
        return authors;
    }

    static void runAll(String label, long count, int concurrency, Operation task)
            throws InterruptedException {
        ClosedLoop.Result result;
        try (Progress progress = Progress.start(label, count)) {
            result = ClosedLoop.run(concurrency, count, Duration.ofHours(1), sequence -> task, progress);
        }
        if (result.failed() > 0) {
            throw new IllegalStateException(label + ": " + result.failed() + " of " + count
                    + " requests failed (first: " + result.firstFailure() + "); see the service logs");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
