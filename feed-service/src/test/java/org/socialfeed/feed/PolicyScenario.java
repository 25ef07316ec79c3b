package org.socialfeed.feed;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.socialfeed.events.AccountRef;
import org.awaitility.Awaitility;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.PolicyCases.Case;
import org.socialfeed.feed.PolicyCases.Entry;
import org.socialfeed.feed.PolicyCases.Relation;
import org.socialfeed.feed.PolicyCases.Role;
import org.socialfeed.feed.PolicyCases.Shape;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.ActiveReaders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the policy's case table through Kafka as the other services would, every case at once with accounts of its
 * own, so a path test costs one set-up and one wait whatever the number of cases. Cases where the reposted original
 * reaches the reader too are left out ({@link Case#originalReachesReaderToo}).
 */
final class PolicyScenario {

    /** One case as played: its accounts and the id of its entry. */
    record Played(Case policyCase, Map<Role, User> accounts, String entryId) {
        User reader() {
            return accounts.get(Role.READER);
        }

        User poster() {
            return accounts.get(policyCase.entry().by());
        }
    }

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final RedisClusterCommands<String, String> redis;
    private final ActiveReaders readers;

    PolicyScenario(RedisClusterCommands<String, String> redis, ActiveReaders readers) {
        this.redis = redis;
        this.readers = readers;
    }

    /**
     * @param readersActive whether the readers' timelines are maintained by fan-out (else their next read rebuilds)
     * @param crowd         accounts that follow every author besides the reader (to make authors celebrities)
     */
    List<Played> play(boolean readersActive, List<User> crowd) {
        List<Case> cases = PolicyCases.ALL.stream().filter(c -> !c.originalReachesReaderToo()).toList();
        List<Map<Role, User>> accounts = cases.stream().map(c -> accounts()).toList();
        accounts.forEach(users -> {
            readers.markActive(users.get(Role.AUTHOR).id());
            if (readersActive) {
                readers.markActive(users.get(Role.READER).id());
            }
        });
        for (int i = 0; i < cases.size(); i++) {
            Map<Role, User> users = accounts.get(i);
            cases.get(i).suspended().forEach(role -> FeedEvents.suspend(users.get(role), true));
            cases.get(i).relations().forEach(relation -> send(relation, users));
            if (!crowd.isEmpty()) {
                FeedEvents.followAll(crowd, users.get(Role.AUTHOR));
            }
        }
        await(() -> allApplied(cases, accounts, crowd.size()));

        List<String> originals = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Entry entry = cases.get(i).entry();
            originals.add(entry.shape() == Shape.REPOST
                    ? FeedEvents.post(postCreated(accounts.get(i), entry, null)) : null);
        }
        await(() -> allRecent(accounts, cases, originals, Entry::target));

        List<Played> played = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            played.add(new Played(cases.get(i), accounts.get(i), publish(accounts.get(i), cases.get(i).entry(),
                    originals.get(i))));
        }
        List<String> entryIds = played.stream().map(Played::entryId).toList();
        await(() -> allRecent(accounts, cases, entryIds, Entry::by));
        // an active poster's own timeline is written in the same pipeline as their followers'
        await(() -> played.stream().filter(p -> p.policyCase().suspended().isEmpty()
                        && (readersActive || p.policyCase().entry().by() != Role.READER))
                .allMatch(p -> redis.zscore(RedisKeys.timeline(p.poster().id()), p.entryId()) != null));
        return played;
    }

    /** Waits until every case's entry is in the reader's timeline as far as {@code shows} tells, if the case says so. */
    static void awaitAsTheTableSays(List<Played> played, Predicate<Played> shows) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(played.stream().filter(p -> shows.test(p) != p.policyCase().shown())
                        .map(p -> p.policyCase().name()).toList()).isEmpty());
    }

    private static Map<Role, User> accounts() {
        Map<Role, User> users = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            users.put(role, FeedEvents.user(role.name().toLowerCase()));
        }
        return users;
    }

    private static void send(Relation relation, Map<Role, User> users) {
        User subject = users.get(relation.subject());
        User object = users.get(relation.object());
        switch (relation.kind()) {
            case FOLLOWS -> FeedEvents.follow(subject, object);
            case FOLLOWS_HIDING_REPOSTS -> FeedEvents.follow(subject, object, false);
            case MUTES -> FeedEvents.mute(subject, object);
            case BLOCKS -> FeedEvents.block(subject, object);
        }
    }

    private boolean allApplied(List<Case> cases, List<Map<Role, User>> accounts, int crowd) {
        for (int i = 0; i < cases.size(); i++) {
            Map<Role, User> users = accounts.get(i);
            for (Relation relation : cases.get(i).relations()) {
                if (!applied(relation, users)) {
                    return false;
                }
            }
            for (Role role : cases.get(i).suspended()) {
                if (!redis.sismember(RedisKeys.SUSPENDED, users.get(role).id())) {
                    return false;
                }
            }
            if (redis.scard(RedisKeys.followers(users.get(Role.AUTHOR).id())) < crowd) {
                return false;
            }
        }
        return true;
    }

    private boolean applied(Relation relation, Map<Role, User> users) {
        String subject = users.get(relation.subject()).id();
        String object = users.get(relation.object()).id();
        return switch (relation.kind()) {
            case FOLLOWS -> redis.sismember(RedisKeys.following(subject), object);
            case FOLLOWS_HIDING_REPOSTS -> redis.sismember(RedisKeys.hidingReblogs(object), subject);
            case MUTES -> redis.sismember(RedisKeys.muting(subject), object);
            case BLOCKS -> redis.sismember(RedisKeys.blocking(subject), object);
        };
    }

    /** Whether each case's post (where there is one) is in the recent list of the account {@code by} names. */
    private boolean allRecent(List<Map<Role, User>> accounts, List<Case> cases, List<String> postIds,
                              Function<Entry, Role> by) {
        for (int i = 0; i < cases.size(); i++) {
            String postId = postIds.get(i);
            if (postId != null
                    && redis.zscore(RedisKeys.recent(accounts.get(i).get(by.apply(cases.get(i).entry())).id()),
                    postId) == null) {
                return false;
            }
        }
        return true;
    }

    /** Publishes the case's entry; {@code originalId} is the reposted post for a repost. */
    private static String publish(Map<Role, User> users, Entry entry, String originalId) {
        if (entry.shape() != Shape.REPOST) {
            String inReplyToId = entry.shape() == Shape.REPLY ? Long.toString(FeedEvents.IDS.next()) : null;
            return FeedEvents.post(postCreated(users, entry, inReplyToId));
        }
        User actor = users.get(entry.by());
        String repostId = Long.toString(FeedEvents.IDS.next());
        FeedEvents.send(Topics.INTERACTIONS, originalId, PostReposted.TYPE, new PostReposted(repostId, actor.ref(),
                originalId, users.get(entry.target()).id(), entry.visibility(), true, Instant.now()));
        return repostId;
    }

    /**
     * The case's post, or for a repost the original (by the target). A reply is to {@code inReplyToId} by the
     * target.
     */
    private static PostCreated postCreated(Map<Role, User> users, Entry entry, String inReplyToId) {
        boolean original = entry.shape() == Shape.REPOST;
        User author = users.get(original ? entry.target() : entry.by());
        String repliedToAccount = inReplyToId == null ? null : users.get(entry.target()).id();
        var mentions = entry.mentioned() == null ? List.<AccountRef>of()
                : List.of(users.get(entry.mentioned()).ref());
        return new PostCreated(Long.toString(FeedEvents.IDS.next()), author.ref(), "case", "<p>case</p>",
                entry.visibility(), inReplyToId, repliedToAccount, null, mentions, List.of(), List.of(),
                Instant.now(), "", false, null);
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
