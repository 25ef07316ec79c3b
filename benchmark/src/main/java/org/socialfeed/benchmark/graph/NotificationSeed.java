package org.socialfeed.benchmark.graph;

import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.load.Operation;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Gives the notification readers (the graph's probe followers) a full first page to read, over HTTP as users
 * would: each reader writes a few posts, then {@link #ACTORS_PER_READER} other regular actors each mention the
 * reader in a post, like one of the reader's posts and follow the reader. A reader then has about that many
 * mentions (each its own group in the v2 grouped view), likes in one group per post and a group of follows, so
 * both the v1 and the v2 page of 40 are full.
 */
public final class NotificationSeed {

    static final int ACTORS_PER_READER = 45;
    static final int POSTS_PER_READER = 3;
    private static final int KINDS = 3; // mention, like, follow

    private NotificationSeed() {
    }

    /** The readers, and how many mentions, likes and follows were sent to them. */
    public record Seeded(List<Account> readers, long interactions) {
    }

    public static Seeded seed(SocialApi api, SocialGraph graph, List<Account> accounts) throws InterruptedException {
        int[] readerIndexes = graph.probeFollowers();
        List<Account> readers = Arrays.stream(readerIndexes).mapToObj(accounts::get).toList();
        int[] others = Arrays.stream(graph.regularActors())
                .filter(actor -> Arrays.stream(readerIndexes).noneMatch(reader -> reader == actor)).toArray();
        if (others.length < ACTORS_PER_READER) {
            throw new IllegalArgumentException("the notification readers need " + ACTORS_PER_READER
                    + " other regular actors; the graph has " + others.length);
        }
        AtomicReferenceArray<String> readerPosts = new AtomicReferenceArray<>(readers.size() * POSTS_PER_READER);
        GraphLoader.runAll("notification readers post (HTTP)", readerPosts.length(), GraphLoader.HTTP_CONCURRENCY,
                Operation.of("reader-post", i -> api.compose(readers.get((int) i / POSTS_PER_READER),
                        "something to like " + i).thenApply(id -> {
                            readerPosts.set((int) i, id);
                            return id != null;
                        })));
        long interactions = (long) readers.size() * ACTORS_PER_READER * KINDS;
        GraphLoader.runAll("mentions, likes, follows of the notification readers (HTTP)", interactions,
                GraphLoader.HTTP_CONCURRENCY, Operation.of("notify-reader", i -> {
                    int reader = (int) (i / (ACTORS_PER_READER * KINDS));
                    int k = (int) (i / KINDS % ACTORS_PER_READER);
                    Account target = readers.get(reader);
                    Account actor = accounts.get(others[(reader * ACTORS_PER_READER + k) % others.length]);
                    return switch ((int) (i % KINDS)) {
                        case 0 -> api.compose(actor, "@" + target.username() + " a mention for you, " + k)
                                .thenApply(id -> id != null);
                        case 1 -> api.favourite(actor,
                                readerPosts.get(reader * POSTS_PER_READER + k % POSTS_PER_READER));
                        default -> api.follow(actor, target.id());
                    };
                }));
        return new Seeded(readers, interactions);
    }
}
