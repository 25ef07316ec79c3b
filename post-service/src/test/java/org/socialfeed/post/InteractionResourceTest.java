package org.socialfeed.post;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class InteractionResourceTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void likesAreIdempotentAndPublished() {
        TestAccounts.TestAccount author = TestAccounts.register("liked");
        TestAccounts.TestAccount fan = TestAccounts.register("fan");
        String id = Statuses.create(author, "like me");

        Statuses.act(fan, id, "favourite").statusCode(200).body("favourited", equalTo(true))
                .body("favourites_count", equalTo(1));
        Statuses.act(fan, id, "favourite").statusCode(200).body("favourites_count", equalTo(1));
        given().get("/api/v1/statuses/" + id + "/favourited_by").then().statusCode(200)
                .body("id", equalTo(List.of(fan.id())));
        Statuses.act(fan, id, "unfavourite").statusCode(200).body("favourited", equalTo(false))
                .body("favourites_count", equalTo(0));
        Statuses.act(fan, id, "unfavourite").statusCode(200).body("favourites_count", equalTo(0));
        Statuses.act(fan, "987654321", "favourite").statusCode(404).spec(ErrorBody.MASTODON);

        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.INTERACTIONS,
                record -> id.equals(record.key()), 2, EVENT_TIMEOUT);
        assertThat(events).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsOnly(PostLiked.TYPE);
        assertThat(events.get(0).value()).contains("\"liked\":true").contains("\"postAuthorId\":\"" + author.id() + "\"")
                .contains("\"username\":\"" + fan.username() + "\"");
        assertThat(events.get(1).value()).contains("\"liked\":false");
    }

    @Test
    void fiftyConcurrentLikesCountExactlyFifty() throws Exception {
        TestAccounts.TestAccount author = TestAccounts.register("popular");
        String id = Statuses.create(author, "everyone likes this");
        List<TestAccounts.TestAccount> fans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fans.add(TestAccounts.unannounced("fan" + i));
        }
        List<Callable<Integer>> likes = new ArrayList<>();
        fans.forEach(fan -> likes.add(() -> Statuses.act(fan, id, "favourite").extract().statusCode()));
        // the first fans like three times over, concurrently with everyone else
        fans.subList(0, 5).forEach(fan -> {
            likes.add(() -> Statuses.act(fan, id, "favourite").extract().statusCode());
            likes.add(() -> Statuses.act(fan, id, "favourite").extract().statusCode());
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (Future<Integer> status : pool.invokeAll(likes)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/v1/statuses/" + id).then().body("favourites_count", equalTo(50));

        List<String> likers = new ArrayList<>(given().get("/api/v1/statuses/" + id + "/favourited_by?limit=40")
                .then().body("$", hasSize(40)).extract().<List<String>>path("id"));
        String link = given().get("/api/v1/statuses/" + id + "/favourited_by?limit=40").then().extract().header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        likers.addAll(given().get(next.substring(next.indexOf("/api/"))).then().body("$", hasSize(10))
                .extract().<List<String>>path("id"));
        assertThat(likers).containsExactlyInAnyOrderElementsOf(fans.stream().map(TestAccounts.TestAccount::id).toList());

        assertThat(KafkaProbe.awaitRecords(Topics.INTERACTIONS, record -> id.equals(record.key()), 50, EVENT_TIMEOUT))
                .extracting(ConsumerRecord::value).allMatch(value -> value.contains("\"liked\":true"));
    }

    @Test
    void repostsAreTheirOwnStatusesAndIdempotent() {
        TestAccounts.TestAccount author = TestAccounts.register("original");
        TestAccounts.TestAccount booster = TestAccounts.register("booster");
        String id = Statuses.create(author, "worth sharing");

        String repost = Statuses.act(booster, id, "reblog").statusCode(200)
                .body("id", not(equalTo(id)))
                .body("account.id", equalTo(booster.id()))
                .body("reblog.id", equalTo(id))
                .body("reblog.reblogs_count", equalTo(1))
                .body("reblog.reblogged", equalTo(true))
                .extract().path("id");
        Statuses.act(booster, id, "reblog").statusCode(200).body("id", equalTo(repost));
        Statuses.act(booster, repost, "reblog").statusCode(200).body("id", equalTo(repost));
        given().get("/api/v1/statuses/" + id).then().body("reblogs_count", equalTo(1));
        given().get("/api/v1/statuses/" + repost).then().statusCode(200).body("reblog.id", equalTo(id));
        given().get("/api/v1/statuses/" + id + "/reblogged_by").then().body("id", equalTo(List.of(booster.id())));
        given().get("/api/v1/accounts/" + booster.id() + "/statuses").then().body("[0].id", equalTo(repost))
                .body("[0].reblog.content", containsString("worth sharing"));

        Statuses.act(booster, id, "unreblog").statusCode(200).body("reblogs_count", equalTo(0))
                .body("reblogged", equalTo(false));
        Statuses.act(booster, id, "unreblog").statusCode(200).body("reblogs_count", equalTo(0));
        given().get("/api/v1/statuses/" + repost).then().statusCode(404);
        given().get("/api/v1/accounts/" + booster.id() + "/statuses").then().body("$", hasSize(0));

        String again = Statuses.act(booster, id, "reblog").statusCode(200).extract().path("id");
        assertThat(again).isNotEqualTo(repost);
        given().auth().oauth2(booster.token()).delete("/api/v1/statuses/" + again).then().statusCode(200);
        given().get("/api/v1/statuses/" + id).then().body("reblogs_count", equalTo(0));

        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.INTERACTIONS,
                record -> id.equals(record.key()), 4, EVENT_TIMEOUT);
        assertThat(events).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsOnly(PostReposted.TYPE);
        assertThat(events).extracting(ConsumerRecord::value).satisfiesExactly(
                value -> assertThat(value).contains("\"repostId\":\"" + repost + "\"", "\"reposted\":true"),
                value -> assertThat(value).contains("\"repostId\":\"" + repost + "\"", "\"reposted\":false"),
                value -> assertThat(value).contains("\"repostId\":\"" + again + "\"", "\"reposted\":true"),
                value -> assertThat(value).contains("\"repostId\":\"" + again + "\"", "\"reposted\":false"));
    }

    @Test
    void deletingAPostUndoesItsReposts() {
        TestAccounts.TestAccount author = TestAccounts.register("fleeting");
        TestAccounts.TestAccount booster = TestAccounts.register("echo");
        String id = Statuses.create(author, "soon gone");
        String repost = Statuses.act(booster, id, "reblog").statusCode(200).extract().path("id");
        given().auth().oauth2(author.token()).delete("/api/v1/statuses/" + id).then().statusCode(200);
        given().get("/api/v1/statuses/" + repost).then().statusCode(404);
        Statuses.act(booster, id, "favourite").statusCode(404);
        ConsumerRecord<String, String> undone = KafkaProbe.awaitRecord(Topics.INTERACTIONS,
                record -> id.equals(record.key()) && record.value().contains("\"reposted\":false"), EVENT_TIMEOUT);
        assertThat(undone.value()).contains("\"repostId\":\"" + repost + "\"");
    }

    @Test
    void suspendedOrBlockedAccountsCannotInteract() {
        TestAccounts.TestAccount author = TestAccounts.register("guarded");
        TestAccounts.TestAccount troll = TestAccounts.register("troll");
        TestAccounts.TestAccount suspended = TestAccounts.register("banned");
        String id = Statuses.create(author, "be nice");

        TestAccounts.suspend(suspended);
        Statuses.act(suspended, id, "favourite").statusCode(403).spec(ErrorBody.MASTODON);
        Statuses.act(suspended, id, "reblog").statusCode(403);
        Statuses.post(suspended, Map.of("status", "still here?")).statusCode(403);
        given().get("/api/v1/accounts/" + suspended.id() + "/statuses").then().statusCode(404);

        TestAccounts.block(author, troll);
        Statuses.act(troll, id, "favourite").statusCode(404);
        Statuses.act(troll, id, "reblog").statusCode(404);
        Statuses.post(troll, Map.of("status", "reply", "in_reply_to_id", id)).statusCode(422);
        given().auth().oauth2(troll.token()).get("/api/v1/statuses/" + id).then().statusCode(404);
        given().get("/api/v1/statuses/" + id).then().body("favourites_count", equalTo(0))
                .body("reblogs_count", equalTo(0)).body("replies_count", equalTo(0));
    }
}
