package org.socialfeed.feed.timeline;

import io.lettuce.core.RedisFuture;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.redis.Redis;
import org.socialfeed.feed.redis.RedisKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Loads what the home policy needs about one reader ({@link Reader}) from the graph replica, with every read queued
 * on one pipeline: the reader's mute and block sets whole (small, and needed before a page's entries are known),
 * then one SMISMEMBER for the follows the entries ask about and one SISMEMBER per reposter for hidden reposts.
 */
@ApplicationScoped
public class ReaderRelations {

    private final RedisConnection redis;

    public ReaderRelations(RedisConnection redis) {
        this.redis = redis;
    }

    /** Everything the policy needs to decide on these entries for the reader, in one round trip. */
    public Reader load(String readerId, Collection<HomeEntry> entries) {
        RedisClusterAsyncCommands<String, String> commands = redis.async();
        PendingBlocks blocks = fetchBlocksAndMutes(commands, readerId);
        PendingFollows follows = fetchFollows(commands, readerId, entries);
        return follows.addTo(blocks.get());
    }

    /** Queues the reader's mute and block sets; {@link PendingBlocks#get} waits for them. */
    public PendingBlocks fetchBlocksAndMutes(RedisClusterAsyncCommands<String, String> commands, String readerId) {
        return new PendingBlocks(readerId, commands.smembers(RedisKeys.muting(readerId)),
                commands.smembers(RedisKeys.blocking(readerId)), commands.smembers(RedisKeys.blockedBy(readerId)));
    }

    /** Queues which of the entries' accounts the reader follows and whose reposts they hide. */
    public PendingFollows fetchFollows(RedisClusterAsyncCommands<String, String> commands, String readerId,
                                      Collection<HomeEntry> entries) {
        Set<String> asked = new LinkedHashSet<>();
        Map<String, RedisFuture<Boolean>> hiding = new LinkedHashMap<>();
        for (HomeEntry entry : entries) {
            asked.addAll(entry.followChecks());
            if (entry.isRepost() && !hiding.containsKey(entry.authorId())) {
                hiding.put(entry.authorId(), commands.sismember(RedisKeys.hidingReblogs(entry.authorId()), readerId));
            }
        }
        List<String> accounts = List.copyOf(asked);
        RedisFuture<List<Boolean>> followed = accounts.isEmpty() ? null
                : commands.smismember(RedisKeys.following(readerId), accounts.toArray(String[]::new));
        return new PendingFollows(accounts, followed, hiding);
    }

    /** Mute and block sets on their way from Redis. */
    public static final class PendingBlocks {
        private final String readerId;
        private final RedisFuture<Set<String>> muting;
        private final RedisFuture<Set<String>> blocking;
        private final RedisFuture<Set<String>> blockedBy;

        PendingBlocks(String readerId, RedisFuture<Set<String>> muting, RedisFuture<Set<String>> blocking,
                      RedisFuture<Set<String>> blockedBy) {
            this.readerId = readerId;
            this.muting = muting;
            this.blocking = blocking;
            this.blockedBy = blockedBy;
        }

        /** Completes when the sets are read; {@link #get} then returns without waiting. */
        public CompletableFuture<Void> done() {
            return CompletableFuture.allOf(muting.toCompletableFuture(), blocking.toCompletableFuture(),
                    blockedBy.toCompletableFuture());
        }

        /** The reader with their mutes and blocks; follows still to be added ({@link PendingFollows#addTo}). */
        public Reader get() {
            return new Reader(readerId, Set.of(), Redis.await(muting), Redis.await(blocking),
                    Redis.await(blockedBy), Set.of());
        }
    }

    /** Follow and hidden-repost checks on their way from Redis. */
    public static final class PendingFollows {
        private final List<String> accounts;
        private final RedisFuture<List<Boolean>> followed;
        private final Map<String, RedisFuture<Boolean>> hiding;

        PendingFollows(List<String> accounts, RedisFuture<List<Boolean>> followed,
                       Map<String, RedisFuture<Boolean>> hiding) {
            this.accounts = accounts;
            this.followed = followed;
            this.hiding = hiding;
        }

        /** Completes when every check is answered; {@link #addTo} then returns without waiting. */
        public CompletableFuture<Void> done() {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            if (followed != null) {
                answers.add(followed.toCompletableFuture());
            }
            hiding.values().forEach(hides -> answers.add(hides.toCompletableFuture()));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        }

        public Reader addTo(Reader reader) {
            Set<String> following = new HashSet<>();
            if (followed != null) {
                List<Boolean> answers = Redis.await(followed);
                for (int i = 0; i < accounts.size(); i++) {
                    if (Boolean.TRUE.equals(answers.get(i))) {
                        following.add(accounts.get(i));
                    }
                }
            }
            Set<String> hidingRepostsOf = new HashSet<>();
            hiding.forEach((reposterId, hides) -> {
                if (Boolean.TRUE.equals(Redis.await(hides))) {
                    hidingRepostsOf.add(reposterId);
                }
            });
            return reader.withFollows(following, hidingRepostsOf);
        }
    }
}
