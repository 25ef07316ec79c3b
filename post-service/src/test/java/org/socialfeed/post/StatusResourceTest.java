package org.socialfeed.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class StatusResourceTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsRendersAndPublishesAPost() {
        TestAccounts.TestAccount alice = TestAccounts.register("alice");
        TestAccounts.TestAccount bob = TestAccounts.register("bob");
        String text = "Hi @" + bob.username() + " and @nobody_known #Java #java <b>x</b>\n\nsee https://example.org/a";

        String id = Statuses.post(alice, Map.of("status", text, "media_attachments",
                        List.of(Map.of("url", "https://cdn.example.org/cat.png", "description", "A cat"))))
                .statusCode(200)
                .body("account.id", equalTo(alice.id()))
                .body("account.username", equalTo(alice.username()))
                .body("visibility", equalTo("public"))
                .body("content", containsString("<p>Hi <span class=\"h-card\" translate=\"no\"><a href=\"https://socialfeed.local/@"
                        + bob.username() + "\" class=\"u-url mention\">@<span>" + bob.username() + "</span></a></span>"))
                .body("content", containsString(" @nobody_known "))
                .body("content", containsString("<a href=\"https://socialfeed.local/tags/java\" class=\"mention hashtag\" rel=\"tag\">#<span>Java</span></a>"))
                .body("content", containsString("&lt;b&gt;x&lt;/b&gt;</p><p>see <a href=\"https://example.org/a\""))
                .body("mentions", hasSize(1))
                .body("mentions[0].id", equalTo(bob.id()))
                .body("tags.name", equalTo(List.of("java")))
                .body("media_attachments[0].type", equalTo("image"))
                .body("media_attachments[0].description", equalTo("A cat"))
                .body("favourites_count", equalTo(0))
                .body("favourited", equalTo(false))
                .body("in_reply_to_id", nullValue())
                .extract().path("id");

        given().get("/api/v1/statuses/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("favourited", nullValue()).body("mentions[0].username", equalTo(bob.username()));

        ConsumerRecord<String, String> created = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> alice.id().equals(record.key()), EVENT_TIMEOUT);
        assertThat(KafkaProbe.header(created, "ce_type")).isEqualTo(PostCreated.TYPE);
        assertThat(KafkaProbe.header(created, "ce_source")).isEqualTo("post-service");
        assertThat(created.value()).contains("\"postId\":\"" + id + "\"").contains("\"hashtags\":[\"java\"]")
                .contains("\"username\":\"" + bob.username() + "\"");
    }

    @Test
    void countsLengthInCodePoints() {
        TestAccounts.TestAccount author = TestAccounts.unannounced("emoji");
        String fiveHundredEmoji = "😀".repeat(500); // 1000 UTF-16 units
        Statuses.post(author, Map.of("status", fiveHundredEmoji)).statusCode(200);
        Statuses.post(author, Map.of("status", fiveHundredEmoji + "😀")).statusCode(422).spec(ErrorBody.MASTODON)
                .body("detail", containsString("too long"));
    }

    @Test
    void refusesBadInputAndStoresNothing() {
        TestAccounts.TestAccount author = TestAccounts.unannounced("careless");
        Statuses.post(author, Map.of("status", "")).statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.post(author, Map.of("status", "   \n ")).statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.post(author, Map.of("status", "x".repeat(501))).statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.post(author, Map.of("status", "reply", "in_reply_to_id", "123456789")).statusCode(422)
                .spec(ErrorBody.MASTODON).body("detail", containsString("in_reply_to_id"));
        Statuses.post(author, Map.of("status", "reply", "in_reply_to_id", "abc")).statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.post(author, Map.of("status", "quote", "quote_id", "42")).statusCode(422).spec(ErrorBody.MASTODON);
        Statuses.post(author, Map.of("status", "circle", "visibility", "limited")).statusCode(422)
                .spec(ErrorBody.MASTODON); // Mastodon's limited (circles) is not supported
        for (String url : List.of("ftp://example.org/a.png", "not a url", "/relative.png", "javascript:alert(1)")) {
            Statuses.post(author, Map.of("status", "media", "media_attachments", List.of(Map.of("url", url))))
                    .statusCode(422).spec(ErrorBody.MASTODON);
        }
        Statuses.post(author, Map.of("status", "too many", "media_attachments", List.of(
                Map.of("url", "https://a.example/1.png"), Map.of("url", "https://a.example/2.png"),
                Map.of("url", "https://a.example/3.png"), Map.of("url", "https://a.example/4.png"),
                Map.of("url", "https://a.example/5.png")))).statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body("{\"status\": \"unterminated")
                .post("/api/v1/statuses").then().statusCode(400).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body("{\"status\": {\"a\": 1}}")
                .post("/api/v1/statuses").then().statusCode(400).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body("{\"status\": \"half \\ud800 a pair\"}")
                .post("/api/v1/statuses").then().statusCode(422).spec(ErrorBody.MASTODON)
                .body("detail", containsString("well-formed Unicode"));
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body("{\"status\": \"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/statuses").then().statusCode(413).spec(ErrorBody.MASTODON);
        given().contentType(ContentType.JSON).body(Map.of("status", "anonymous"))
                .post("/api/v1/statuses").then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.forged(author.id(), author.username())).contentType(ContentType.JSON)
                .body(Map.of("status", "forged")).post("/api/v1/statuses").then().statusCode(401);

        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().statusCode(200).body("$", hasSize(0));
        String good = Statuses.create(author, "finally right");
        ConsumerRecord<String, String> first = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> author.id().equals(record.key()), EVENT_TIMEOUT);
        assertThat(first.value()).contains("\"postId\":\"" + good + "\"");
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("id", equalTo(List.of(good)));
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSamePost() throws Exception {
        TestAccounts.TestAccount author = TestAccounts.register("retrier");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(pool.submit(() -> given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                        .header("Idempotency-Key", "key-1").body(Map.of("status", "only once"))
                        .post("/api/v1/statuses").then().statusCode(200).extract().<String>path("id")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> attempt : attempts) {
                ids.add(attempt.get());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        String other = given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", "key-2").body(Map.of("status", "only once"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("$", hasSize(2))
                .body("[0].id", equalTo(other));
        // another author may use the same key for a post of their own
        TestAccounts.TestAccount someoneElse = TestAccounts.unannounced("other");
        String theirs = given().auth().oauth2(someoneElse.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", "key-1").body(Map.of("status", "mine"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        assertThat(theirs).isNotEqualTo(other);
    }

    @Test
    void onlyTheAuthorOrAnAdminDeletesAndTheDeletionIsPublished() {
        TestAccounts.TestAccount author = TestAccounts.register("deleter");
        TestAccounts.TestAccount stranger = TestAccounts.register("stranger");
        String first = Statuses.create(author, "delete me");
        String second = Statuses.create(author, "an admin removes me");

        given().auth().oauth2(stranger.token()).delete("/api/v1/statuses/" + first)
                .then().statusCode(403).spec(ErrorBody.MASTODON);
        given().delete("/api/v1/statuses/" + first).then().statusCode(401);
        given().auth().oauth2(author.token()).delete("/api/v1/statuses/" + first)
                .then().statusCode(200).body("id", equalTo(first)).body("text", equalTo("delete me"));
        given().get("/api/v1/statuses/" + first).then().statusCode(404).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).delete("/api/v1/statuses/" + first).then().statusCode(404);

        given().auth().oauth2(TestTokens.forAdmin(stranger.id(), stranger.username()))
                .delete("/api/v1/statuses/" + second).then().statusCode(200);
        given().get("/api/v1/statuses/" + second).then().statusCode(404);
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("$", hasSize(0));

        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.POSTS,
                record -> author.id().equals(record.key()), 4, EVENT_TIMEOUT);
        assertThat(events).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsExactly(PostCreated.TYPE, PostCreated.TYPE, PostDeleted.TYPE, PostDeleted.TYPE);
        assertThat(events.get(2).value()).contains("\"postId\":\"" + first + "\"");
    }

    @Test
    void editsKeepTheirHistory() {
        TestAccounts.TestAccount author = TestAccounts.register("editor");
        TestAccounts.TestAccount stranger = TestAccounts.unannounced("meddler");
        String id = Statuses.create(author, "first #draft");

        given().auth().oauth2(stranger.token()).contentType(ContentType.JSON).body(Map.of("status", "mine now"))
                .put("/api/v1/statuses/" + id).then().statusCode(403).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("status", "x".repeat(501)))
                .put("/api/v1/statuses/" + id).then().statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON).body(Map.of("status", "second #final"))
                .put("/api/v1/statuses/" + id).then().statusCode(200)
                .body("content", containsString("second")).body("edited_at", notNullValue())
                .body("tags.name", equalTo(List.of("final")));
        given().get("/api/v1/statuses/" + id).then().body("content", containsString("second"))
                .body("edited_at", notNullValue());
        given().get("/api/v1/statuses/" + id + "/history").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].content", containsString("first"))
                .body("[1].content", containsString("second"))
                .body("[0].account.id", equalTo(author.id()));

        ConsumerRecord<String, String> updated = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> author.id().equals(record.key()) && PostUpdated.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                EVENT_TIMEOUT);
        assertThat(updated.value()).contains("\"postId\":\"" + id + "\"").contains("second #final")
                .contains("\"editedAt\"");
    }

    @Test
    void keepsContentWarningSensitivityAndLanguageAndPublishesThem() {
        TestAccounts.TestAccount author = TestAccounts.register("warner");
        String warned = Statuses.post(author, Map.of("status", "the plot", "spoiler_text", "film spoilers",
                        "language", "en"))
                .statusCode(200)
                .body("spoiler_text", equalTo("film spoilers"))
                .body("sensitive", equalTo(true)) // a content warning makes the post sensitive, as in Mastodon
                .body("language", equalTo("en"))
                .extract().path("id");
        given().get("/api/v1/statuses/" + warned).then().statusCode(200)
                .body("spoiler_text", equalTo("film spoilers")).body("sensitive", equalTo(true))
                .body("language", equalTo("en"));
        Statuses.post(author, Map.of("status", "a picture", "sensitive", true)).statusCode(200)
                .body("sensitive", equalTo(true)).body("spoiler_text", equalTo(""));
        Statuses.post(author, Map.of("status", "plain", "language", "")).statusCode(200)
                .body("sensitive", equalTo(false)).body("spoiler_text", equalTo(""))
                .body("$", hasKey("language")).body("language", nullValue());

        ConsumerRecord<String, String> created = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> author.id().equals(record.key()), EVENT_TIMEOUT);
        assertThat(created.value()).contains("\"postId\":\"" + warned + "\"")
                .contains("\"spoilerText\":\"film spoilers\"").contains("\"sensitive\":true")
                .contains("\"language\":\"en\"");
    }

    @Test
    void refusesLanguagesThatAreNoLanguageCodeAndCountsTheWarningTowardTheLength() {
        TestAccounts.TestAccount author = TestAccounts.unannounced("polyglot");
        for (String language : List.of("xx", "english", "EN", "en-US")) {
            Statuses.post(author, Map.of("status", "hello", "language", language)).statusCode(422)
                    .spec(ErrorBody.MASTODON).body("detail", containsString("language"));
        }
        Statuses.post(author, Map.of("status", "x".repeat(400), "spoiler_text", "w".repeat(101))).statusCode(422)
                .spec(ErrorBody.MASTODON).body("detail", containsString("too long"));
        Statuses.post(author, Map.of("status", "x".repeat(400), "spoiler_text", "w".repeat(100))).statusCode(200);
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("$", hasSize(1));
    }

    @Test
    void unlistedPostsAreSeenRepostedAndQuotedByEveryone() {
        TestAccounts.TestAccount author = TestAccounts.register("quiet");
        TestAccounts.TestAccount stranger = TestAccounts.register("passerby");
        String unlisted = Statuses.post(author, Map.of("status", "not on public timelines", "visibility", "unlisted"))
                .statusCode(200).body("visibility", equalTo("unlisted")).extract().path("id");

        given().get("/api/v1/statuses/" + unlisted).then().statusCode(200).body("visibility", equalTo("unlisted"));
        given().auth().oauth2(stranger.token()).get("/api/v1/statuses/" + unlisted).then().statusCode(200);
        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("id", equalTo(List.of(unlisted)));
        Statuses.act(stranger, unlisted, "reblog").statusCode(200).body("reblog.id", equalTo(unlisted))
                .body("reblog.visibility", equalTo("unlisted"));
        Statuses.post(stranger, Map.of("status", "look", "quote_id", unlisted)).statusCode(200)
                .body("quote.id", equalTo(unlisted));
    }

    @Test
    void editsKeepContentWarningsInTheHistory() {
        TestAccounts.TestAccount author = TestAccounts.register("reviser");
        String id = Statuses.create(author, "first", Map.of("spoiler_text", "old warning", "language", "en"));

        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("status", "x".repeat(490), "spoiler_text", "w".repeat(11)))
                .put("/api/v1/statuses/" + id).then().statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("status", "second", "language", "zz"))
                .put("/api/v1/statuses/" + id).then().statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("status", "second", "spoiler_text", "new warning"))
                .put("/api/v1/statuses/" + id).then().statusCode(200)
                .body("spoiler_text", equalTo("new warning")).body("sensitive", equalTo(true))
                .body("language", equalTo("en")); // no language given: it stays
        given().auth().oauth2(author.token()).contentType(ContentType.JSON)
                .body(Map.of("status", "third", "language", "de"))
                .put("/api/v1/statuses/" + id).then().statusCode(200)
                .body("spoiler_text", equalTo("")).body("sensitive", equalTo(false)) // left out: none, as in Mastodon
                .body("language", equalTo("de"));
        given().get("/api/v1/statuses/" + id + "/history").then().statusCode(200)
                .body("spoiler_text", equalTo(List.of("old warning", "new warning", "")))
                .body("sensitive", equalTo(List.of(true, true, false)));

        List<ConsumerRecord<String, String>> updates = KafkaProbe.awaitRecords(Topics.POSTS,
                record -> author.id().equals(record.key()) && PostUpdated.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                2, EVENT_TIMEOUT);
        assertThat(updates.get(0).value()).contains("\"spoilerText\":\"new warning\"")
                .contains("\"sensitive\":true").contains("\"language\":\"en\"");
        assertThat(updates.get(1).value()).contains("\"spoilerText\":\"\"").contains("\"sensitive\":false")
                .contains("\"language\":\"de\"");
    }

    @Test
    void theSourceIsForTheAuthorOnly() {
        TestAccounts.TestAccount author = TestAccounts.register("sourced");
        TestAccounts.TestAccount stranger = TestAccounts.register("curious");
        String id = Statuses.create(author, "the **source** @nobody", Map.of("spoiler_text", "a warning"));
        String secret = Statuses.create(author, "followers only", Map.of("visibility", "private"));

        given().auth().oauth2(author.token()).get("/api/v1/statuses/" + id + "/source").then().statusCode(200)
                .body("id", equalTo(id)).body("text", equalTo("the **source** @nobody"))
                .body("spoiler_text", equalTo("a warning"));
        given().auth().oauth2(stranger.token()).get("/api/v1/statuses/" + id + "/source").then().statusCode(403)
                .spec(ErrorBody.MASTODON);
        given().auth().oauth2(stranger.token()).get("/api/v1/statuses/" + secret + "/source").then().statusCode(404)
                .spec(ErrorBody.MASTODON);
        given().get("/api/v1/statuses/" + id + "/source").then().statusCode(401).spec(ErrorBody.MASTODON);
    }

    @Test
    void followersOnlyPostsAreSeenByFollowersOnly() {
        TestAccounts.TestAccount author = TestAccounts.register("private");
        TestAccounts.TestAccount follower = TestAccounts.register("follower");
        TestAccounts.TestAccount stranger = TestAccounts.register("outsider");
        TestAccounts.follow(follower, author);
        String secret = Statuses.create(author, "for followers", Map.of("visibility", "private"));
        String open = Statuses.create(author, "for everyone");

        given().auth().oauth2(author.token()).get("/api/v1/statuses/" + secret).then().statusCode(200)
                .body("visibility", equalTo("private"));
        given().auth().oauth2(follower.token()).get("/api/v1/statuses/" + secret).then().statusCode(200);
        given().auth().oauth2(stranger.token()).get("/api/v1/statuses/" + secret).then().statusCode(404);
        given().get("/api/v1/statuses/" + secret).then().statusCode(404);

        given().get("/api/v1/accounts/" + author.id() + "/statuses").then().body("id", equalTo(List.of(open)));
        given().auth().oauth2(follower.token()).get("/api/v1/accounts/" + author.id() + "/statuses")
                .then().body("id", equalTo(List.of(open, secret)));
        given().queryParam("id[]", secret).queryParam("id[]", open).queryParam("id[]", "junk")
                .get("/api/v1/statuses").then().statusCode(200).body("id", equalTo(List.of(open)));
        given().auth().oauth2(follower.token()).queryParam("id[]", secret).queryParam("id[]", open)
                .get("/api/v1/statuses").then().body("id", equalTo(List.of(secret, open)));
        // followers-only posts cannot be quoted or reposted by others
        Statuses.post(follower, Map.of("status", "look", "quote_id", secret)).statusCode(422);
        Statuses.act(follower, secret, "reblog").statusCode(422);
    }

    @Test
    void threadsShowAncestorsAndDescendants() {
        TestAccounts.TestAccount op = TestAccounts.register("op");
        TestAccounts.TestAccount replier = TestAccounts.register("replier");
        String root = Statuses.create(op, "root");
        String reply1 = Statuses.create(replier, "reply 1", Map.of("in_reply_to_id", root));
        String reply2 = Statuses.create(op, "reply 2", Map.of("in_reply_to_id", reply1));
        String reply3 = Statuses.create(replier, "reply 3", Map.of("in_reply_to_id", root));

        given().get("/api/v1/statuses/" + reply1).then().body("in_reply_to_id", equalTo(root))
                .body("in_reply_to_account_id", equalTo(op.id()));
        given().get("/api/v1/statuses/" + root).then().body("replies_count", equalTo(2));
        given().get("/api/v1/statuses/" + reply2 + "/context").then().statusCode(200)
                .body("ancestors.id", equalTo(List.of(root, reply1))).body("descendants", hasSize(0));
        given().get("/api/v1/statuses/" + root + "/context").then()
                .body("ancestors", hasSize(0)).body("descendants.id", equalTo(List.of(reply1, reply2, reply3)));
        String next = given().queryParam("limit", 2).get("/api/v1/statuses/" + root + "/context").then()
                .body("descendants.id", equalTo(List.of(reply1, reply2)))
                .header("Link", containsString("rel=\"next\"")).extract().header("Link");
        assertThat(next).contains("min_id=" + reply2);
        given().queryParam("limit", 2).queryParam("min_id", reply2).get("/api/v1/statuses/" + root + "/context")
                .then().body("descendants.id", equalTo(List.of(reply3))).header("Link", nullValue());

        ConsumerRecord<String, String> replied = KafkaProbe.awaitRecord(Topics.INTERACTIONS,
                record -> root.equals(record.key()) && PostReplied.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                EVENT_TIMEOUT);
        assertThat(replied.value()).contains("\"postAuthorId\":\"" + op.id() + "\"")
                .contains("\"username\":\"" + replier.username() + "\"");

        given().auth().oauth2(replier.token()).delete("/api/v1/statuses/" + reply3).then().statusCode(200);
        given().get("/api/v1/statuses/" + root).then().body("replies_count", equalTo(1));
        given().get("/api/v1/statuses/" + root + "/context").then().body("descendants.id", not(hasItem(reply3)));
        Statuses.post(op, Map.of("status", "too late", "in_reply_to_id", reply3)).statusCode(422);
    }
}
