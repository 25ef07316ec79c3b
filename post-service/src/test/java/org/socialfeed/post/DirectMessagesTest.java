package org.socialfeed.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Direct posts (Mastodon's {@code direct} visibility) and the conversations API built on them. */
@QuarkusTest
class DirectMessagesTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void directPostsAreAcceptedInEveryFormatButNeverRepostedOrQuoted() {
        TestAccounts.TestAccount author = TestAccounts.register("dm");
        TestAccounts.TestAccount friend = TestAccounts.register("friend");
        String id = Statuses.create(author, "@" + friend.username() + " just us", Map.of("visibility", "direct"));
        given().auth().oauth2(author.token()).get("/api/v1/statuses/" + id).then().statusCode(200)
                .body("visibility", equalTo("direct"));
        given().auth().oauth2(author.token()).contentType(ContentType.URLENC)
                .formParam("status", "@" + friend.username() + " by form").formParam("visibility", "direct")
                .post("/api/v1/statuses").then().statusCode(200).body("visibility", equalTo("direct"));
        given().auth().oauth2(author.token()).multiPart("status", "@" + friend.username() + " by multipart")
                .multiPart("visibility", "direct")
                .post("/api/v1/statuses").then().statusCode(200).body("visibility", equalTo("direct"));

        ConsumerRecord<String, String> created = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> record.value().contains("\"postId\":\"" + id + "\"")
                        && PostCreated.TYPE.equals(KafkaProbe.header(record, "ce_type")), EVENT_TIMEOUT);
        assertThat(created.value()).contains("\"visibility\":\"DIRECT\"");

        // Mastodon's StatusPolicy#reblog?: direct posts never, followers-only posts by their author only
        Statuses.act(author, id, "reblog").statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.act(friend, id, "reblog").statusCode(422);
        Statuses.post(author, Map.of("status", "quoting", "quote_id", id)).statusCode(422);
        Statuses.post(friend, Map.of("status", "quoting", "quote_id", id)).statusCode(422);
        Statuses.act(friend, id, "favourite").statusCode(200);
        String secret = Statuses.create(author, "followers only", Map.of("visibility", "private"));
        Statuses.act(author, secret, "reblog").statusCode(200).body("visibility", equalTo("private"))
                .body("reblog.id", equalTo(secret));
        Statuses.post(author, Map.of("status", "quoting myself", "quote_id", secret)).statusCode(200);
    }

    @Test
    void followersOnlyPostsAreAlsoSeenByTheAccountsTheyMentionAndBlocksStillWin() {
        TestAccounts.TestAccount author = TestAccounts.register("circle");
        TestAccounts.TestAccount mentioned = TestAccounts.register("named");
        TestAccounts.TestAccount outsider = TestAccounts.register("outsider");
        TestAccounts.TestAccount shunned = TestAccounts.register("shunned");
        String secret = Statuses.create(author, "@" + mentioned.username() + " you too",
                Map.of("visibility", "private"));
        String whisper = Statuses.create(author, "@" + mentioned.username() + " @" + shunned.username() + " psst",
                Map.of("visibility", "direct"));
        TestAccounts.block(shunned, author);

        // Mastodon's StatusPolicy#show?: followers-only posts are for the followers and the mentioned
        given().auth().oauth2(mentioned.token()).get("/api/v1/statuses/" + secret).then().statusCode(200);
        given().auth().oauth2(outsider.token()).get("/api/v1/statuses/" + secret).then().statusCode(404);
        given().auth().oauth2(mentioned.token()).get("/api/v1/accounts/" + author.id() + "/statuses").then()
                .body("id", equalTo(List.of(whisper, secret)));
        given().auth().oauth2(outsider.token()).get("/api/v1/accounts/" + author.id() + "/statuses").then()
                .body("", hasSize(0));
        // blocking the author since: the post is hidden, and so is the conversation it is the last post of
        given().auth().oauth2(shunned.token()).get("/api/v1/statuses/" + whisper).then().statusCode(404);
        conversations(mentioned).body("last_status.id", equalTo(List.of(whisper)))
                .body("[0].accounts.id", containsInAnyOrder(author.id(), shunned.id()));
        conversations(shunned).body("", hasSize(0));
    }

    @Test
    void aDirectReplyIsNoReplyEventAndSeenOnlyByThoseItMentions() {
        TestAccounts.TestAccount op = TestAccounts.register("op");
        TestAccounts.TestAccount replier = TestAccounts.register("whisperer");
        TestAccounts.TestAccount confidant = TestAccounts.register("confidant");
        String root = Statuses.create(op, "out loud");
        String whisper = Statuses.create(replier, "@" + confidant.username() + " about that",
                Map.of("visibility", "direct", "in_reply_to_id", root));
        String answer = Statuses.create(replier, "and in public", Map.of("in_reply_to_id", root));

        given().auth().oauth2(op.token()).get("/api/v1/statuses/" + whisper).then().statusCode(404);
        given().auth().oauth2(op.token()).get("/api/v1/statuses/" + root + "/context").then()
                .body("descendants.id", equalTo(List.of(answer)));
        given().auth().oauth2(confidant.token()).get("/api/v1/statuses/" + root + "/context").then()
                .body("descendants.id", equalTo(List.of(whisper, answer)));
        given().auth().oauth2(confidant.token()).get("/api/v1/statuses/" + whisper + "/context").then()
                .body("ancestors.id", equalTo(List.of(root)));

        List<ConsumerRecord<String, String>> replies = KafkaProbe.awaitRecords(Topics.INTERACTIONS,
                record -> root.equals(record.key()) && PostReplied.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                1, EVENT_TIMEOUT);
        assertThat(replies).extracting(ConsumerRecord::value).allMatch(value -> value.contains(answer))
                .noneMatch(value -> value.contains(whisper));
    }

    @Test
    void eachParticipantHasTheirOwnConversationOfAThread() {
        TestAccounts.TestAccount alice = TestAccounts.register("alice");
        TestAccounts.TestAccount bob = TestAccounts.register("bob");
        TestAccounts.TestAccount carol = TestAccounts.register("carol");
        String hello = Statuses.create(alice, "@" + bob.username() + " hello", Map.of("visibility", "direct"));

        String alicesId = conversations(alice).body("", hasSize(1)).body("[0].unread", equalTo(false))
                .body("[0].accounts.id", equalTo(List.of(bob.id())))
                .body("[0].last_status.id", equalTo(hello)).extract().path("[0].id");
        String bobsId = conversations(bob).body("", hasSize(1)).body("[0].unread", equalTo(true))
                .body("[0].accounts.id", equalTo(List.of(alice.id())))
                .body("[0].accounts[0].username", equalTo(alice.username()))
                .body("[0].last_status.id", equalTo(hello))
                .body("[0].last_status.visibility", equalTo("direct")).extract().path("[0].id");
        assertThat(bobsId).isNotEqualTo(alicesId);
        conversations(carol).body("", hasSize(0));

        // a reply in the thread with the same participants updates the conversation and makes it unread again
        given().auth().oauth2(bob.token()).post("/api/v1/conversations/" + bobsId + "/read").then().statusCode(200)
                .body("id", equalTo(bobsId)).body("unread", equalTo(false)).body("last_status.id", equalTo(hello));
        conversations(bob).body("[0].unread", equalTo(false));
        String answer = Statuses.create(bob, "@" + alice.username() + " hi!",
                Map.of("visibility", "direct", "in_reply_to_id", hello));
        conversations(bob).body("", hasSize(1)).body("[0].id", equalTo(bobsId)).body("[0].unread", equalTo(false))
                .body("[0].last_status.id", equalTo(answer));
        conversations(alice).body("", hasSize(1)).body("[0].id", equalTo(alicesId))
                .body("[0].unread", equalTo(true)).body("[0].last_status.id", equalTo(answer));

        // another participant set in the same thread is another conversation, as Mastodon's AccountConversation
        String widened = Statuses.create(alice, "@" + bob.username() + " @" + carol.username() + " meet carol",
                Map.of("visibility", "direct", "in_reply_to_id", answer));
        conversations(bob).body("", hasSize(2)).body("[0].last_status.id", equalTo(widened))
                .body("[0].accounts.id", containsInAnyOrder(alice.id(), carol.id()))
                .body("[1].id", equalTo(bobsId));
        conversations(carol).body("", hasSize(1)).body("[0].accounts.id",
                containsInAnyOrder(alice.id(), bob.id()));

        // deleting the last post falls back to the one before; deleting that too removes the conversation
        given().auth().oauth2(bob.token()).delete("/api/v1/statuses/" + answer).then().statusCode(200);
        conversations(alice).body("[0].last_status.id", equalTo(widened)).body("[1].id", equalTo(alicesId))
                .body("[1].last_status.id", equalTo(hello));
        given().auth().oauth2(alice.token()).delete("/api/v1/statuses/" + hello).then().statusCode(200);
        conversations(alice).body("", hasSize(1)).body("[0].last_status.id", equalTo(widened));
        conversations(bob).body("", hasSize(1)).body("[0].last_status.id", equalTo(widened));

        // a non-direct post starts no conversation
        Statuses.create(alice, "@" + carol.username() + " in public");
        conversations(carol).body("", hasSize(1));
    }

    @Test
    void removingAConversationIsForTheCallerOnlyAndOthersCannotTouchIt() {
        TestAccounts.TestAccount alice = TestAccounts.register("remover");
        TestAccounts.TestAccount bob = TestAccounts.register("keeper");
        TestAccounts.TestAccount mallory = TestAccounts.register("mallory");
        String first = Statuses.create(alice, "@" + bob.username() + " one", Map.of("visibility", "direct"));
        String alicesId = conversations(alice).extract().path("[0].id");
        String bobsId = conversations(bob).extract().path("[0].id");

        for (String path : List.of(alicesId + "/read", "nonsense/read", "99999999999/read")) {
            given().auth().oauth2(mallory.token()).post("/api/v1/conversations/" + path).then().statusCode(404)
                    .spec(ErrorBody.MASTODON);
        }
        given().auth().oauth2(bob.token()).delete("/api/v1/conversations/" + alicesId).then().statusCode(404);
        given().auth().oauth2(mallory.token()).delete("/api/v1/conversations/junk").then().statusCode(404);
        given().get("/api/v1/conversations").then().statusCode(401);
        given().post("/api/v1/conversations/" + alicesId + "/read").then().statusCode(401);
        given().delete("/api/v1/conversations/" + alicesId).then().statusCode(401);

        given().auth().oauth2(alice.token()).delete("/api/v1/conversations/" + alicesId).then().statusCode(200)
                .body(equalTo("{}"));
        conversations(alice).body("", hasSize(0));
        conversations(bob).body("id", equalTo(List.of(bobsId)));
        given().auth().oauth2(alice.token()).delete("/api/v1/conversations/" + alicesId).then().statusCode(404);

        // a later post in the thread starts the removed conversation anew, with only that post
        String second = Statuses.create(bob, "@" + alice.username() + " two",
                Map.of("visibility", "direct", "in_reply_to_id", first));
        conversations(alice).body("", hasSize(1)).body("[0].unread", equalTo(true))
                .body("[0].last_status.id", equalTo(second));
        given().auth().oauth2(bob.token()).delete("/api/v1/statuses/" + second).then().statusCode(200);
        conversations(alice).body("", hasSize(0));
        conversations(bob).body("[0].last_status.id", equalTo(first));
    }

    @Test
    void conversationsArePagedByTheirLastPostLikeMastodon() {
        TestAccounts.TestAccount reader = TestAccounts.register("inbox");
        List<String> lastStatuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestAccounts.TestAccount sender = TestAccounts.register("sender" + i);
            lastStatuses.add(0, Statuses.create(sender, "@" + reader.username() + " message " + i,
                    Map.of("visibility", "direct")));
        }
        conversations(reader).body("last_status.id", equalTo(lastStatuses));
        String link = given().auth().oauth2(reader.token()).queryParam("limit", 2).get("/api/v1/conversations")
                .then().statusCode(200).body("last_status.id", equalTo(lastStatuses.subList(0, 2)))
                .header("Link", containsString("max_id=" + lastStatuses.get(1)))
                .header("Link", containsString("min_id=" + lastStatuses.get(0))).extract().header("Link");
        assertThat(link).contains("rel=\"next\"").contains("rel=\"prev\"");
        given().auth().oauth2(reader.token()).queryParam("limit", 2).queryParam("max_id", lastStatuses.get(1))
                .get("/api/v1/conversations").then().body("last_status.id", equalTo(lastStatuses.subList(2, 4)));
        given().auth().oauth2(reader.token()).queryParam("limit", 2).queryParam("min_id", lastStatuses.get(4))
                .get("/api/v1/conversations").then().body("last_status.id", equalTo(lastStatuses.subList(2, 4)));
        given().auth().oauth2(reader.token()).queryParam("since_id", lastStatuses.get(2))
                .get("/api/v1/conversations").then().body("last_status.id", equalTo(lastStatuses.subList(0, 2)));
        given().auth().oauth2(reader.token()).queryParam("limit", 1000).get("/api/v1/conversations").then()
                .statusCode(200).body("", hasSize(5));
        given().auth().oauth2(reader.token()).queryParam("max_id", "junk").get("/api/v1/conversations").then()
                .statusCode(400).spec(ErrorBody.MASTODON);
        given().auth().oauth2(reader.token()).queryParam("min_id", lastStatuses.get(0))
                .get("/api/v1/conversations").then().statusCode(200).body("", hasSize(0)).header("Link", nullValue());
    }

    private static ValidatableResponse conversations(TestAccounts.TestAccount account) {
        return given().auth().oauth2(account.token()).get("/api/v1/conversations").then().statusCode(200);
    }
}
