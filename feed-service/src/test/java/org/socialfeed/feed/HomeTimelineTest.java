package org.socialfeed.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.socialfeed.feed.FeedEvents.follow;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;
import static org.socialfeed.feed.HomeApi.awaitIds;
import static org.socialfeed.feed.HomeApi.ids;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class HomeTimelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FollowGraph graph;
    @Inject
    RedisConnection redis;

    /** The reader has read their timeline (so fan-out maintains it) and follows the author. */
    private void readsAndFollows(User reader, User author) {
        ids(reader);
        followed(reader, author);
    }

    private void followed(User follower, User followee) {
        follow(follower, followee);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.follows(follower.id(), followee.id()));
    }

    @Test
    void followerSeesTheFolloweesPostRenderedAsAMastodonStatus() {
        User alice = user("alice");
        User bob = user("bob");
        ids(bob); // bob reads, so his timeline is maintained by fan-out
        followed(bob, alice);
        String postId = post(alice, "hello bob");

        awaitIds(bob, List.of(postId));
        HomeApi.home(bob, Map.of()).then().statusCode(200)
                .body("[0].content", equalTo("<p>hello bob</p>"))
                .body("[0].account.id", equalTo(alice.id()))
                .body("[0].account.username", equalTo(alice.username()))
                .body("[0].visibility", equalTo("public"))
                .body("[0].reblog", equalTo(null))
                .body("[0].favourites_count", equalTo(0))
                .body("[0].favourited", equalTo(false));
        awaitIds(alice, List.of(postId)); // the author sees their own post
        assertThat(ids(user("stranger"))).isEmpty();
    }

    @Test
    void paginatesLikeMastodonWithLinkHeaders() {
        User author = user("pager");
        User reader = user("reader");
        readsAndFollows(reader, author);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(author, "post " + i));
        }
        List<String> newestFirst = new ArrayList<>(posted);
        java.util.Collections.reverse(newestFirst);
        awaitIds(reader, newestFirst);

        assertThat(ids(reader, Map.of("limit", 2))).containsExactly(newestFirst.get(0), newestFirst.get(1));
        assertThat(ids(reader, Map.of("limit", 2, "max_id", newestFirst.get(1))))
                .containsExactly(newestFirst.get(2), newestFirst.get(3));
        assertThat(ids(reader, Map.of("max_id", newestFirst.get(4)))).isEmpty();
        assertThat(ids(reader, Map.of("since_id", newestFirst.get(2)))).containsExactly(newestFirst.get(0), newestFirst.get(1));
        // min_id: the page right above the cursor, still newest first
        assertThat(ids(reader, Map.of("min_id", newestFirst.get(4), "limit", 2)))
                .containsExactly(newestFirst.get(2), newestFirst.get(3));
        assertThat(ids(reader, Map.of("limit", 100))).hasSize(5);

        String link = HomeApi.home(reader, Map.of("limit", 2)).then().statusCode(200).extract().header("Link");
        assertThat(link).contains("max_id=" + newestFirst.get(1)).contains("rel=\"next\"")
                .contains("min_id=" + newestFirst.get(0)).contains("rel=\"prev\"");
        assertThat(HomeApi.home(reader, Map.of("max_id", newestFirst.get(4))).header("Link")).isNull();

        HomeApi.home(reader, Map.of("max_id", "abc")).then().statusCode(400).spec(ErrorBody.MASTODON);
        HomeApi.home(reader, Map.of("limit", "0")).then().statusCode(400);
    }

    @Test
    void requiresAValidTokenAndShowsOnlyTheCallersTimeline() {
        User someone = user("someone");
        given().get("/api/v1/timelines/home").then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.forged(someone.id(), someone.username())).get("/api/v1/timelines/home")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(someone.id(), someone.username())).get("/api/v1/timelines/home")
                .then().statusCode(401);
    }

    @Test
    void deletedPostsLeaveEveryTimeline() {
        User author = user("deleter");
        User reader = user("witness");
        readsAndFollows(reader, author);
        String kept = post(author, "kept");
        String doomed = post(author, "doomed");
        awaitIds(reader, List.of(doomed, kept));

        FeedEvents.delete(author, doomed);
        awaitIds(reader, List.of(kept));
        awaitIds(author, List.of(kept));
    }

    @Test
    void followersOnlyPostsReachFollowersOnlyAndRepliesOnlyThoseWhoFollowBothSides() {
        User author = user("private");
        User follower = user("insider");
        User other = user("other");
        ids(follower);
        ids(other);
        followed(follower, author);
        String secret = post(FeedEvents.postCreated(author, "followers only", Visibility.PRIVATE));
        String reply = FeedEvents.reply(author, "@other hi", "123", other);
        String marker = post(author, "after");

        awaitIds(follower, List.of(marker, secret)); // the reply to someone the follower does not follow is left out
        HomeApi.home(follower, Map.of()).then().body("[1].visibility", equalTo("private"));
        assertThat(ids(other)).isEmpty();
        assertThat(ids(author)).contains(reply);
    }

    @Test
    void unlistedPostsAndContentWarningsReachFollowersRenderedAsPosted() throws Exception {
        User author = user("warning");
        User follower = user("warned");
        ids(follower);
        followed(follower, author);
        PostCreated plain = FeedEvents.postCreated(author, "quietly", Visibility.UNLISTED);
        String unlisted = post(plain);
        PostCreated warned = FeedEvents.postCreated(author, "the ending", Visibility.PUBLIC);
        String withWarning = post(new PostCreated(warned.postId(), warned.author(), warned.text(), warned.content(),
                warned.visibility(), null, null, null, List.of(), List.of(), List.of(), warned.createdAt(),
                "film spoilers", true, "fr"));

        // a record written before posts had these fields reads as no warning, not sensitive, no language
        PostCreated older = FeedEvents.postCreated(author, "from an older post-service", Visibility.PUBLIC);
        ObjectNode withoutNewFields = (ObjectNode) JSON.readTree(FeedEvents.write(older));
        withoutNewFields.remove(List.of("spoilerText", "sensitive", "language"));
        FeedEvents.send(Topics.POSTS, author.id(), PostCreated.TYPE, withoutNewFields.toString(),
                UUID.randomUUID().toString());

        awaitIds(follower, List.of(older.postId(), withWarning, unlisted));
        HomeApi.home(follower, Map.of()).then()
                .body("spoiler_text", equalTo(List.of("", "film spoilers", "")))
                .body("sensitive", equalTo(List.of(false, true, false)))
                .body("language", equalTo(Arrays.asList(null, "fr", null)))
                .body("visibility", equalTo(List.of("public", "public", "unlisted")))
                .body("[2]", hasKey("language"));
    }

    @Test
    void unfollowRemovesAndFollowBackfills() {
        User author = user("backfilled");
        User reader = user("newcomer");
        String first = post(author, "before the follow 1");
        String second = post(author, "before the follow 2");
        awaitIds(author, List.of(second, first));
        ids(reader);

        follow(reader, author);
        awaitIds(reader, List.of(second, first));

        FeedEvents.unfollow(reader, author);
        awaitIds(reader, List.of());
    }

    @Test
    void mutedAndBlockedAccountsNeverShow() {
        User loud = user("loud");
        User rude = user("rude");
        User reader = user("calm");
        readsAndFollows(reader, loud);
        followed(reader, rude);
        String rudePost = post(rude, "rude words");
        awaitIds(reader, List.of(rudePost));

        FeedEvents.block(reader, rude);
        FeedEvents.mute(reader, loud);
        awaitIds(reader, List.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.sync().sismember(RedisKeys.mutedBy(loud.id()), reader.id()));
        post(loud, "still loud");
        String reposted = FeedEvents.repost(loud, rudePost, rude);
        User friend = user("friend");
        followed(reader, friend);
        String repostOfRude = FeedEvents.repost(friend, rudePost, rude);
        String marker = post(friend, "marker");
        awaitIds(reader, List.of(marker));
        assertThat(List.of(reposted, repostOfRude)).doesNotContainAnyElementsOf(ids(reader));
    }

    @Test
    void suspendedAccountsDisappearAndComeBack() {
        User author = user("suspect");
        User reader = user("judge");
        readsAndFollows(reader, author);
        String postId = post(author, "questionable");
        awaitIds(reader, List.of(postId));
        FeedEvents.suspend(author, true);
        awaitIds(reader, List.of());
        FeedEvents.suspend(author, false);
        awaitIds(reader, List.of(postId));
    }

    @Test
    void repostsAppearOncePerOriginal() {
        User author = user("original");
        User booster = user("booster");
        User both = user("both");
        User onlyBooster = user("fanofbooster");
        ids(both);
        ids(onlyBooster);
        followed(both, author);
        followed(both, booster);
        followed(onlyBooster, booster);
        String original = post(author, "worth sharing");
        awaitIds(both, List.of(original));

        String repost = FeedEvents.repost(booster, original, author);
        User second = user("booster2");
        followed(both, second);
        followed(onlyBooster, second);
        String secondRepost = FeedEvents.repost(second, original, author);
        String marker = post(booster, "marker");

        // both already has the original near the top: neither repost enters
        awaitIds(both, List.of(marker, original));
        // the booster's followers get the first repost only, rendered with the original inside
        awaitIds(onlyBooster, List.of(marker, repost));
        HomeApi.home(onlyBooster, Map.of()).then()
                .body("[1].reblog.id", equalTo(original))
                .body("[1].reblog.content", equalTo("<p>worth sharing</p>"))
                .body("[1].account.id", equalTo(booster.id()))
                .body("[1].reblog.reblogs_count", equalTo(2));
        assertThat(ids(onlyBooster)).doesNotContain(secondRepost);
    }

    @Test
    void likesShowAsCountsAndAsTheReadersOwn() {
        User author = user("liked");
        User reader = user("liker");
        readsAndFollows(reader, author);
        String postId = post(author, "like me");
        awaitIds(reader, List.of(postId));
        FeedEvents.like(reader, postId, author);
        FeedEvents.like(reader, postId, author); // a second like by the same account counts once
        FeedEvents.like(user("another"), postId, author);
        HomeApi.await(() -> HomeApi.home(reader, Map.of()).jsonPath().getInt("[0].favourites_count"), 2);
        HomeApi.home(reader, Map.of()).then().body("[0].favourited", equalTo(true));
        HomeApi.home(author, Map.of()).then().body("[0].favourited", equalTo(false));
    }

    @Test
    void aRedeliveredEventChangesNothingAndADeletedPostStaysDeleted() {
        User author = user("twice");
        User reader = user("once");
        readsAndFollows(reader, author);
        PostCreated created = FeedEvents.postCreated(author, "delivered twice", Visibility.PUBLIC);
        String payload = FeedEvents.write(created);
        String ceId = UUID.randomUUID().toString();
        FeedEvents.send(Topics.POSTS, author.id(), PostCreated.TYPE, payload, ceId);
        FeedEvents.send(Topics.POSTS, author.id(), PostCreated.TYPE, payload, ceId);
        String marker = post(author, "marker");
        awaitIds(reader, List.of(marker, created.postId()));

        FeedEvents.delete(author, created.postId());
        FeedEvents.send(Topics.POSTS, author.id(), PostCreated.TYPE, payload, ceId); // late redelivery
        String after = post(author, "after");
        awaitIds(reader, List.of(after, marker));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        User author = user("poison");
        String key = author.id();
        FeedEvents.send(Topics.POSTS, key, PostCreated.TYPE, "{not json", UUID.randomUUID().toString());
        FeedEvents.send(Topics.POSTS, key, PostCreated.TYPE, "{\"postId\":\"x\"}", UUID.randomUUID().toString());
        String postId = post(author, "after the poison");
        awaitIds(author, List.of(postId));
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.deadLetter(Topics.POSTS),
                record -> key.equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(dead).hasSize(2);
    }

    @Test
    void readinessChecksRedisAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("redis"));
    }
}
