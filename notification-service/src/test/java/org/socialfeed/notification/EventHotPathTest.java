package org.socialfeed.notification;

import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.notification.push.PushOutbox;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.MongoCommands;
import org.socialfeed.testing.UniqueKeyLookups;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Consuming an event costs a few lookups by unique key, whatever the size of the collections: every query that
 * a follow, an unfollow, a like, an unlike, a repost, a reply or a new post (with a mention, a quote and a
 * subscriber) causes names exactly one unique key, which MongoDB answers from a unique index and the local stand-in
 * without a scan (ADR 19, ADR 23). The queries that need a secondary index in production are named here, so the
 * failure says which one crept onto the hot path.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class EventHotPathTest {

    /** Queries served by a secondary index in MongoDB, by the field they filter on. */
    private static final Map<String, String> SECONDARY_INDEX_QUERIES = Map.of(
            "recipientId", "a recipient's notifications (notifications recipientId_1_*)",
            "actorId", "an actor's notifications (notifications actorId_1)",
            "statusId", "a post's notifications (notifications statusId_1)",
            "userId", "a user's devices (devices userId_1)",
            "ownerId", "a user's webhooks (webhooks ownerId_1)",
            "kind", "relations by kind (relations kind_1_to_1_notifyOfPosts_1)",
            "from", "a user's relations (relations from_1_kind_1)",
            "outbox.createdAt", "the outbox recovery sweep");
    /** The webhook dispatcher polls its queue on its own schedule, whatever the events. */
    private static final String POLLED_QUEUE = "webhook_deliveries";

    @Inject
    MongoCommands commands;
    @Inject
    MongoDatabase database;
    @Inject
    PushOutbox push;

    @BeforeEach
    void firstSweepDone() {
        push.sweepAll(); // this process's first sweep recovers with a query over the collection: not in the window
    }

    @Test
    void aFollowAndAnUnfollow() {
        AccountRef followee = EventFeed.account("followee");
        AccountRef follower = EventFeed.account("follower");
        assertOnUniqueKeys("follow", () -> EventFeed.follow(follower, followee));
        assertOnUniqueKeys("unfollow", () -> EventFeed.send(Topics.FOLLOWS, follower.id() + ":" + followee.id(),
                FollowRemoved.TYPE, new FollowRemoved(follower.id(), followee.id(), Instant.now())));
    }

    @Test
    void likesRepostsAndTheirUndoing() {
        AccountRef author = EventFeed.account("author");
        AccountRef fan = EventFeed.account("fan");
        String postId = EventFeed.newId();
        EventFeed.post(postId, author, "hello", List.of(), null, null, null);
        Api.awaitTypes(author, 0);

        assertOnUniqueKeys("like", () -> EventFeed.like(fan, postId, author));
        assertOnUniqueKeys("unlike", () -> EventFeed.send(Topics.INTERACTIONS, postId, PostLiked.TYPE,
                new PostLiked(fan, postId, author.id(), false, Instant.now())));
        assertOnUniqueKeys("repost", () -> EventFeed.send(Topics.INTERACTIONS, postId, PostReposted.TYPE,
                new PostReposted(EventFeed.newId(), fan, postId, author.id(), Visibility.PUBLIC, true, Instant.now())));
    }

    @Test
    void postsWithMentionsQuotesRepliesAndSubscribers() {
        AccountRef author = EventFeed.account("author");
        AccountRef friend = EventFeed.account("friend");
        AccountRef subscriber = EventFeed.account("subscriber");
        String parent = EventFeed.newId();
        EventFeed.post(parent, friend, "what do you think?", List.of(), null, null, null);
        EventFeed.follow(subscriber, author, true, subscriber.id() + ":" + author.id());
        Api.awaitTypes(author, 1);

        String post = EventFeed.newId();
        assertOnUniqueKeys("post", () -> EventFeed.post(post, author, "@friend look", List.of(friend), null, null,
                parent));
        String reply = EventFeed.newId();
        assertOnUniqueKeys("reply", () -> {
            EventFeed.post(reply, author, "I agree", List.of(), parent, friend, null);
            EventFeed.send(Topics.INTERACTIONS, parent, PostReplied.TYPE,
                    new PostReplied(reply, author, parent, friend.id(), Instant.now()));
        });
    }

    /** Records what handling the events costs, until MongoDB has been quiet for a moment, and judges it. */
    private void assertOnUniqueKeys(String what, Runnable send) {
        commands.start();
        send.run();
        AtomicInteger seen = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = eventStatements(commands.recorded()).size();
            return now > 0 && now == seen.getAndSet(now);
        });
        List<MongoCommands.Statement> recorded = eventStatements(commands.stop());
        System.out.printf("%s: %d statements%n", what, recorded.size());
        recorded.forEach(statement -> System.out.println("  " + statement));
        UniqueKeyLookups.assertOnly(recorded, database, SECONDARY_INDEX_QUERIES);
    }

    private static List<MongoCommands.Statement> eventStatements(List<MongoCommands.Statement> recorded) {
        return recorded.stream().filter(statement -> !POLLED_QUEUE.equals(statement.collection())).toList();
    }
}
