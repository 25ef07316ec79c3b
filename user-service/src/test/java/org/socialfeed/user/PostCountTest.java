package org.socialfeed.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** statuses_count follows posts.events exactly, whatever is duplicated, replayed or unreadable. */
@QuarkusTest
class PostCountTest {

    @Inject
    ObjectMapper json;
    @Inject
    MongoClient mongo;

    @Test
    void statusesCountIsExactAndIdempotent() throws Exception {
        UserApi.Registered author = UserApi.register("author");
        String first = author.id() + "01";
        String second = author.id() + "02";
        created(author, first);
        created(author, first); // delivered twice
        created(author, second);
        awaitStatuses(author, 2);

        deleted(author, first);
        deleted(author, first);
        awaitStatuses(author, 1);
        created(author, first); // a replay of an old creation after the deletion
        KafkaProbe.send(Topics.POSTS, author.id(), PostLiked.TYPE, "{\"unknown\":\"type\"}"); // ignored
        KafkaProbe.send(Topics.POSTS, author.id(), PostCreated.TYPE, "this is not json"); // to the dead-letter topic
        String third = author.id() + "03";
        created(author, third);
        // one author's records are handled in order: once the last one is counted, all before it were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(third));
        given().get("/api/v1/accounts/" + author.id()).then().body("statuses_count", equalTo(2));

        KafkaProbe.awaitRecord(Topics.deadLetter(Topics.POSTS),
                record -> author.id().equals(record.key()) && "this is not json".equals(record.value()),
                Duration.ofSeconds(30));
    }

    @Test
    void aDeletionSeenBeforeItsCreationIsNeverCounted() throws Exception {
        UserApi.Registered author = UserApi.register("late");
        deleted(author, author.id() + "09");
        created(author, author.id() + "09");
        created(author, author.id() + "10");
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(author.id() + "10"));
        given().get("/api/v1/accounts/" + author.id()).then().body("statuses_count", equalTo(1));
    }

    @Test
    void lastStatusAtIsTheDayOfTheLatestPostAndStaysAfterItIsDeleted() throws Exception {
        UserApi.Registered author = UserApi.register("daily");
        UserApi.account(author).body("last_status_at", equalTo(null));
        created(author, author.id() + "21", Instant.parse("2026-11-20T23:59:00Z"));
        created(author, author.id() + "22", Instant.parse("2026-11-10T08:00:00Z")); // an older post seen later
        await().atMost(Duration.ofSeconds(30)).until(() -> counted(author.id() + "22"));
        UserApi.account(author).body("last_status_at", equalTo("2026-11-20"));
        deleted(author, author.id() + "21");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> UserApi.account(author)
                .body("statuses_count", equalTo(1)).body("last_status_at", equalTo("2026-11-20")));
    }

    private void created(UserApi.Registered author, String postId) throws Exception {
        created(author, postId, Instant.now());
    }

    private void created(UserApi.Registered author, String postId, Instant at) throws Exception {
        PostCreated event = new PostCreated(postId, new AccountRef(author.id(), author.username(), author.username()),
                "hello", "<p>hello</p>", Visibility.PUBLIC, null, null, null, List.of(), List.of(), List.of(),
                at, "", false, null);
        KafkaProbe.send(Topics.POSTS, author.id(), PostCreated.TYPE, json.writeValueAsString(event));
    }

    private void deleted(UserApi.Registered author, String postId) throws Exception {
        KafkaProbe.send(Topics.POSTS, author.id(), PostDeleted.TYPE,
                json.writeValueAsString(new PostDeleted(postId, author.id(), Instant.now())));
    }

    /** Whether the post's creation has been fully applied (recorded, and its counter operation finished). */
    private boolean counted(String postId) {
        Document post = mongo.getDatabase("users").getCollection("counted_posts").find(Filters.eq("_id", postId)).first();
        return post != null && !post.containsKey("pendingOp");
    }

    private static void awaitStatuses(UserApi.Registered author, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/accounts/" + author.id()).then().body("statuses_count", equalTo(count)));
    }
}
