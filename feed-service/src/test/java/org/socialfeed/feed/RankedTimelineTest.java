package org.socialfeed.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.PolicyScenario.Played;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.ranking.Decay;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.testing.ErrorBody;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.socialfeed.feed.FeedEvents.follow;
import static org.socialfeed.feed.FeedEvents.like;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;
import static org.socialfeed.feed.HomeApi.awaitIds;
import static org.socialfeed.feed.HomeApi.ids;
import static org.socialfeed.feed.HomeApi.ranked;
import static org.socialfeed.feed.HomeApi.rankedIds;
import static org.socialfeed.feed.PolicyScenario.awaitAsTheTableSays;

/** The ranked home timeline (ADR 21) driven through Kafka and read over HTTP, on the real Redis and broker. */
@QuarkusTest
class RankedTimelineTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject
    FollowGraph graph;
    @Inject
    RedisConnection redis;
    @Inject
    ActiveReaders readers;

    private void followed(User follower, User followee) {
        follow(follower, followee);
        await().atMost(LIMIT).until(() -> graph.follows(follower.id(), followee.id()));
    }

    /** {@code count} posts of {@code author}, whom {@code reader} follows, in order, once all are in the timeline. */
    private List<String> postsOfAFollowedAuthor(User reader, User author, int count) {
        ids(reader);
        followed(reader, author);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posted.add(post(author, "post " + i));
        }
        await().atMost(LIMIT).until(() -> ids(reader).size() == count);
        return posted;
    }

    private double affinity(User reader, User author) {
        Double stored = redis.sync().zscore(RedisKeys.affinity(reader.id()), author.id());
        return stored == null ? 0 : new Decay(Duration.ofDays(30)).valueAt(stored, System.currentTimeMillis());
    }

    @Test
    void aReaderWhoKeepsLikingOneAuthorSeesThatAuthorsPostsFirst() {
        User favourite = user("favourite");
        User other = user("other");
        User reader = user("reader");
        ids(reader);
        followed(reader, favourite);
        followed(reader, other);
        List<String> favourites = List.of(post(favourite, "f1"), post(favourite, "f2"));
        List<String> others = List.of(post(other, "o1"), post(other, "o2"), post(other, "o3"));
        awaitIds(reader, List.of(others.get(2), others.get(1), others.get(0), favourites.get(1), favourites.get(0)));
        assertThat(rankedIds(reader, Map.of())).startsWith(others.get(2)); // no signals yet: newest first

        favourites.forEach(postId -> like(reader, postId, favourite));
        await().atMost(LIMIT).until(() -> affinity(reader, favourite) > 1.9);

        assertThat(rankedIds(reader, Map.of()))
                .containsExactly(favourites.get(1), favourites.get(0), others.get(2), others.get(1), others.get(0));
        JsonPath first = ranked(reader, Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("[0].socialfeed_ranking.reason")).isEqualTo("author_affinity");
        assertThat(first.getString("[0].socialfeed_ranking.explanation"))
                .isEqualTo("You often interact with @" + favourite.username());
        assertThat(first.getBoolean("[0].socialfeed_ranking.suggested")).isFalse();
        assertThat(first.getDouble("[0].socialfeed_ranking.score"))
                .isGreaterThan(first.getDouble("[2].socialfeed_ranking.score"));
        assertThat(first.getString("[2].socialfeed_ranking.reason")).isEqualTo("recency");
        assertThat(first.getBoolean("[0].favourited")).isTrue(); // the statuses are the chronological ones
        // the chronological timeline is Mastodon's, untouched
        HomeApi.home(reader, Map.of()).then().statusCode(200).body("[0]", not(hasKey("socialfeed_ranking")));
    }

    @Test
    void signalsCountEachInteractionOnceAndLeaveWithIt() {
        User author = user("author");
        User reader = user("reader");
        String postId = post(author, "like me");
        like(reader, postId, author);
        like(reader, postId, author); // a second like of the same post, as a redelivery looks
        FeedEvents.repost(reader, postId, author);
        post(new PostCreated(Long.toString(FeedEvents.IDS.next()), reader.ref(), "@author hi", "<p>hi</p>",
                Visibility.PUBLIC, postId, author.id(), null, List.of(author.ref()), List.of(), List.of(),
                Instant.now(), "", false, null));
        // like 1 + repost 2 + reply 3 + mention 2
        await().atMost(LIMIT).untilAsserted(() -> assertThat(affinity(reader, author)).isCloseTo(8, within(0.01)));

        FeedEvents.send(org.socialfeed.events.Topics.INTERACTIONS, postId,
                org.socialfeed.events.PostLiked.TYPE,
                new org.socialfeed.events.PostLiked(reader.ref(), postId, author.id(), false, Instant.now()));
        await().atMost(LIMIT).untilAsserted(() -> assertThat(affinity(reader, author)).isCloseTo(7, within(0.01)));
        assertThat(redis.sync().zcard(RedisKeys.interactions(reader.id()))).isEqualTo(3);
        // one's own posts are no signal
        like(author, postId, author);
        assertThat(redis.sync().exists(RedisKeys.affinity(author.id()))).isZero();
    }

    @Test
    void pagesWalkOneSnapshotWithoutRepeatingOrSkipping() {
        User author = user("pager");
        User reader = user("reader");
        List<String> posted = postsOfAFollowedAuthor(reader, author, 7);

        List<String> walked = new ArrayList<>();
        var page = ranked(reader, Map.of("limit", 3));
        walked.addAll(page.then().statusCode(200).extract().jsonPath().getList("id", String.class));
        String late = post(author, "after the ranking");
        await().atMost(LIMIT).until(() -> ids(reader).contains(late));
        int pages = 1;
        String secondPage = null;
        while (page.header("Link") != null) {
            Matcher next = NEXT.matcher(page.header("Link"));
            assertThat(next.find()).isTrue();
            secondPage = secondPage == null ? next.group(1) : secondPage;
            page = io.restassured.RestAssured.given().auth().oauth2(reader.token()).urlEncodingEnabled(false)
                    .get(next.group(1).replaceFirst("^https?://[^/]+", ""));
            walked.addAll(page.then().statusCode(200).extract().jsonPath().getList("id", String.class));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
        assertThat(rankedIds(reader, Map.of())).contains(late); // a new ranking has it
        // a ranking that fits on its first page is not stored: the one being paged stays
        String stored = redis.sync().get(RedisKeys.rankedSnapshot(reader.id()));
        assertThat(rankedIds(reader, Map.of("limit", 40))).hasSize(8);
        assertThat(redis.sync().get(RedisKeys.rankedSnapshot(reader.id()))).isEqualTo(stored);
        // a new ranking with pages replaces it: the old cursors are gone
        ranked(reader, Map.of("limit", 3)).then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(reader.token()).urlEncodingEnabled(false)
                .get(secondPage.replaceFirst("^https?://[^/]+", "")).then().statusCode(410).spec(ErrorBody.MASTODON);

        ranked(reader, Map.of("max_id", "nosuchsnapshot-3")).then().statusCode(410).spec(ErrorBody.MASTODON);
        ranked(reader, Map.of("max_id", "123")).then().statusCode(400).spec(ErrorBody.MASTODON);
        ranked(reader, Map.of("since_id", posted.get(0))).then().statusCode(400).spec(ErrorBody.MASTODON);
        ranked(reader, Map.of("limit", "0")).then().statusCode(400);
        ranked(reader, Map.of("suggestions", "maybe")).then().statusCode(400).spec(ErrorBody.MASTODON);
    }

    @Test
    void aFirstPageIsRankedAnewOnlyWhenWhatItIsRankedFromChanged() {
        User author = user("steady");
        User reader = user("reader");
        postsOfAFollowedAuthor(reader, author, 4);

        String first = nextCursor(reader);
        assertThat(nextCursor(reader)).as("nothing changed: the stored ranking is read again").isEqualTo(first);
        String late = post(author, "late");
        await().atMost(LIMIT).until(() -> ids(reader).contains(late));
        String afterPost = nextCursor(reader);
        assertThat(afterPost).as("a new post in the window").isNotEqualTo(first);
        assertThat(rankedIds(reader, Map.of())).contains(late);
        like(reader, late, author);
        await().atMost(LIMIT).until(() -> affinity(reader, author) > 0.9);
        assertThat(nextCursor(reader)).as("a new signal").isNotEqualTo(afterPost);
    }

    /** The cursor of a first page of 2, whose snapshot id names the ranking it was read from. */
    private static String nextCursor(User reader) {
        Matcher next = NEXT.matcher(ranked(reader, Map.of("limit", 2)).then().statusCode(200).extract()
                .header("Link"));
        assertThat(next.find()).isTrue();
        return next.group(1);
    }

    @Test
    void postsLikedByFollowedAccountsAreSuggestedWithinThePolicy() {
        User reader = user("reader");
        User friend = user("friend");
        User otherFriend = user("friend2");
        ids(reader); // active: endorsements are fanned out to active followers
        followed(reader, friend);
        followed(reader, otherFriend);
        Map<String, String> posts = new HashMap<>();
        Map<String, User> authors = new HashMap<>();
        for (String name : List.of("public", "private", "unlisted", "blocked", "muted", "suspended", "once",
                "mentionsMuted")) {
            User stranger = user(name.toLowerCase());
            authors.put(name, stranger);
        }
        User mutedMention = user("mutedmention");
        FeedEvents.block(reader, authors.get("blocked"));
        FeedEvents.mute(reader, authors.get("muted"));
        FeedEvents.mute(reader, mutedMention);
        FeedEvents.suspend(authors.get("suspended"), true);
        authors.forEach((name, stranger) -> {
            Visibility visibility = switch (name) {
                case "private" -> Visibility.PRIVATE;
                case "unlisted" -> Visibility.UNLISTED;
                default -> Visibility.PUBLIC;
            };
            PostCreated created = FeedEvents.postCreated(stranger, name, visibility);
            if (name.equals("mentionsMuted")) {
                created = new PostCreated(created.postId(), stranger.ref(), "@m", "<p>@m</p>", visibility, null,
                        null, null, List.<AccountRef>of(mutedMention.ref()), List.of(), List.of(), Instant.now(), "",
                        false, null);
            }
            posts.put(name, post(created));
            like(friend, created.postId(), stranger);
            if (!name.equals("once")) {
                like(otherFriend, created.postId(), stranger); // a repost would bring it into the timeline itself
            }
        });
        await().atMost(LIMIT).until(() -> redis.sync().zcard(RedisKeys.endorsed(reader.id())) == 15
                && redis.sync().sismember(RedisKeys.SUSPENDED, authors.get("suspended").id())
                && redis.sync().sismember(RedisKeys.muting(reader.id()), mutedMention.id())
                && redis.sync().sismember(RedisKeys.blocking(reader.id()), authors.get("blocked").id()));

        JsonPath page = ranked(reader, Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("id", String.class)).containsExactly(posts.get("public"));
        assertThat(page.getBoolean("[0].socialfeed_ranking.suggested")).isTrue();
        assertThat(page.getString("[0].socialfeed_ranking.reason")).isEqualTo("social_proof");
        assertThat(page.getString("[0].socialfeed_ranking.explanation"))
                .isEqualTo("Liked or reposted by 2 accounts you follow");
        assertThat(rankedIds(reader, Map.of("suggestions", "false"))).isEmpty();
        assertThat(ids(reader)).isEmpty(); // the chronological timeline has only followed accounts

        // deleted, it stays endorsed and its authorship remembered (CandidateFacts), and still never shows
        FeedEvents.delete(authors.get("public"), posts.get("public"));
        await().atMost(LIMIT).until(() -> redis.sync().exists(RedisKeys.tombstone(posts.get("public"))) == 1);
        assertThat(rankedIds(reader, Map.of())).isEmpty();
    }

    @Test
    void theRankedViewShowsWhatThePolicyAdmits() {
        List<Played> played = new PolicyScenario(redis.sync(), readers).play(true, List.of());

        awaitAsTheTableSays(played, p -> rankedIds(p.reader(), Map.of("limit", 40)).contains(p.entryId()));
    }
}
