package org.socialfeed.post;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialfeed.post.events.PostEventOutbox;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.testing.MongoCommands;
import org.socialfeed.testing.UniqueKeyLookups;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Posting costs a few lookups by unique key, whatever the size of the collections: every query one
 * {@code POST /api/v1/statuses} causes (its outbox's removal included) names exactly one unique key, the kind of
 * query MongoDB answers from a unique index and the local stand-in answers without a scan. The queries that need a
 * secondary index in production are named here, so the failure says which one crept onto the hot path.
 */
@QuarkusTest
class PostingHotPathTest {

    /** Queries served by a secondary (non-unique or partial) index in MongoDB, by the field they filter on. */
    private static final Map<String, String> SECONDARY_INDEX_QUERIES = Map.of(
            "authorId", "an author's timeline (posts authorId_1__id_-1)",
            "inReplyToId", "a thread's replies (posts inReplyToId_1)",
            "reblogOfId", "a post's reposts (posts reblogOfId_1)",
            "postId", "a post's likes (favourites postId_1_seq_-1)",
            "outbox.createdAt", "the outbox recovery sweep (outbox_pending)");

    @Inject
    MongoCommands commands;
    @Inject
    MongoDatabase database;
    @Inject
    PostRepository posts;
    @Inject
    PostEventOutbox events;

    @Test
    void aPlainPostIsOneReadOneInsertAndOneOutboxRemoval() {
        TestAccounts.TestAccount author = TestAccounts.register("plain");
        events.sweepAll(); // this process's first sweep recovers with a query over the collection: not in the window

        commands.start();
        String id = Statuses.create(author, "nothing but text #hashtag");
        awaitOutboxRemoval(id);
        List<MongoCommands.Statement> recorded = commands.stop();

        assertOutboxEmpty(id);
        assertOnlyUniqueKeyLookups(recorded);
        assertThat(recorded).extracting(statement -> statement.command() + " " + statement.collection())
                .containsExactly("find accounts", "insert posts", "update posts");
    }

    @Test
    void mentionsRepliesAndIdempotencyKeysStayOnUniqueKeys() {
        TestAccounts.TestAccount author = TestAccounts.register("busy");
        TestAccounts.TestAccount friend = TestAccounts.register("friend");
        String parent = Statuses.create(friend, "what do you think?");
        events.sweepAll();

        commands.start();
        String mention = given().auth().oauth2(author.token()).header("Idempotency-Key", "hot-path-1")
                .contentType("application/json").body(Map.of("status", "@" + friend.username() + " hello"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        String reply = Statuses.create(author, "@" + friend.username() + " I agree",
                Map.of("in_reply_to_id", parent));
        String quote = Statuses.create(author, "look at this", Map.of("quote_id", parent));
        awaitOutboxRemoval(mention);
        awaitOutboxRemoval(reply);
        awaitOutboxRemoval(quote);
        List<MongoCommands.Statement> recorded = commands.stop();

        assertOutboxEmpty(mention, reply, quote);
        assertOnlyUniqueKeyLookups(recorded);
    }

    private void assertOnlyUniqueKeyLookups(List<MongoCommands.Statement> recorded) {
        UniqueKeyLookups.assertOnly(recorded, database, SECONDARY_INDEX_QUERIES);
    }

    /** Waits, without reading anything itself, until the post's events were pulled from its outbox. */
    private void awaitOutboxRemoval(String postId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.recorded().stream().anyMatch(statement ->
                "update".equals(statement.command()) && statement.filter().toJson().contains(postId)
                        && statement.filter().containsKey("_id")));
    }

    private void assertOutboxEmpty(String... postIds) {
        for (String postId : postIds) {
            assertThat(posts.collection().find(Filters.eq("_id", Long.parseLong(postId))).first()
                    .getList(Outbox.FIELD, Document.class, List.of())).as("outbox of %s", postId).isEmpty();
        }
    }
}
