package org.socialfeed.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.MongoCommands;
import org.socialfeed.testing.UniqueKeyLookups;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Counting new posts (posting's share of user-service) costs lookups by unique key only, whatever the number of
 * posts and accounts stored: every query a run of creations causes names exactly one unique key (ADR 19). The
 * queries that need a secondary index in production are named here, so the failure says which one crept in.
 */
@QuarkusTest
class StatusesCountHotPathTest {

    /** Queries served by a secondary index in MongoDB, by the field they filter on. */
    private static final Map<String, String> SECONDARY_INDEX_QUERIES = Map.of(
            "followeeId", "an account's followers (follows followeeId_1_state_1_seq_-1)",
            "followerId", "an account's follows (follows followerId_1_state_1_seq_-1)",
            "sourceId", "an account's blocks or mutes (sourceId_1_active_1_seq_-1)",
            "pendingCounts.createdAt", "the follow counters' recovery (pendingCounts.createdAt_1)");

    /**
     * What counting touches. user-service's recoveries of follow counters and of block severing poll their own
     * collections every second whatever the events, and the outbox's recovery sweep reads accounts on its own
     * schedule (its first run can fall inside the window, right after start-up), so they are not judged here.
     */
    private static final Set<String> COUNTING = Set.of("counted_posts", "accounts");
    private static final String OUTBOX_RECOVERY = "outbox.createdAt";

    @Inject
    MongoCommands commands;
    @Inject
    MongoDatabase database;
    @Inject
    ObjectMapper json;

    @Test
    void aRunOfNewPostsIsCountedByUniqueKeys() throws Exception {
        UserApi.Registered author = UserApi.register("hotpath");

        commands.start();
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = author.id() + "3" + i;
            PostCreated event = new PostCreated(last, new AccountRef(author.id(), author.username(),
                    author.username()), "hello", "<p>hello</p>", Visibility.PUBLIC, null, null, null, List.of(),
                    List.of(), List.of(), Instant.now(), "", false, null);
            KafkaProbe.send(Topics.POSTS, author.id(), PostCreated.TYPE, json.writeValueAsString(event));
        }
        String newest = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(newest));
        AtomicInteger seen = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    int now = counting(commands.recorded()).size();
                    return now == seen.getAndSet(now);
                });
        List<MongoCommands.Statement> recorded = counting(commands.stop());

        recorded.forEach(statement -> System.out.println("  " + statement));
        UniqueKeyLookups.assertOnly(recorded, database, SECONDARY_INDEX_QUERIES);
        assertThat(recorded).extracting(statement -> statement.command() + " " + statement.collection())
                .contains("insert counted_posts", "update accounts", "update counted_posts");
    }

    private static List<MongoCommands.Statement> counting(List<MongoCommands.Statement> recorded) {
        return recorded.stream().filter(statement -> COUNTING.contains(statement.collection()))
                .filter(statement -> statement.filter() == null
                        || !statement.filter().toJson().contains(OUTBOX_RECOVERY))
                .toList();
    }

    private boolean counted(String postId) {
        Document post = database.getCollection("counted_posts").find(Filters.eq("_id", postId)).first();
        return post != null && !post.containsKey("pendingOp");
    }
}
