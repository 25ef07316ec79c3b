package org.socialfeed.notification;

import org.socialfeed.redis.RedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.events.Visibility;
import org.socialfeed.notification.replica.RenderedAccounts;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.testing.ErrorBody;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis read model of recent notifications (ADR 18) answers exactly what MongoDB answers: each page is compared,
 * byte for byte with its Link header, with the same page read from MongoDB after the recipient's Redis keys are gone.
 * The test profile keeps 30 notifications per recipient in Redis, so pages below that come from MongoDB.
 */
@QuarkusTest
class RecentNotificationsTest {

    private static final String PAGE = "/api/v1/notifications";
    private static final String GROUPS = "/api/v2/notifications";
    /** A page the newest entries fill, however few groups they form. */
    private static final String FIRST_GROUP = GROUPS + "?limit=1";

    @Inject
    RedisConnection redis;
    @Inject
    MeterRegistry meters;

    @Test
    void everyKindOfPageReadsAsMongoDbRendersIt() {
        AccountRef reader = EventFeed.account("reader");
        AccountRef fan = EventFeed.account("fan");
        AccountRef writer = EventFeed.account("writer");
        String ownPost = EventFeed.newId();
        String mention = EventFeed.newId();
        String reply = EventFeed.newId();
        EventFeed.post(ownPost, reader, "mine", List.of(), null, null, null);
        EventFeed.post(mention, writer, "@reader hi", List.of(reader), null, null, null);
        EventFeed.like(reader, mention, writer); // the reader's own like shows as favourited
        EventFeed.like(fan, ownPost, reader);
        EventFeed.like(fan, EventFeed.newId(), reader); // a post this service never saw: no status
        EventFeed.post(reply, fan, "an answer", List.of(), ownPost, reader, null);
        EventFeed.send(Topics.INTERACTIONS, ownPost, PostReplied.TYPE,
                new PostReplied(reply, fan, ownPost, reader.id(), Instant.now()));
        EventFeed.follow(fan, reader, false, "recent-" + reader.id());
        EventFeed.followsByNewAccounts(6, reader);
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("id").size() == 11
                && page.jsonPath().getInt("find { it.type == 'mention' }.status.favourites_count") == 1
                && page.jsonPath().getInt("find { it.type == 'favourite' && it.status != null }.status.replies_count") == 1);

        List<String> ids = Api.notifications(reader).jsonPath().getList("id");
        for (String query : List.of("", "?limit=4", "?limit=4&max_id=" + ids.get(3), "?since_id=" + ids.get(8),
                "?min_id=" + ids.get(9) + "&limit=3", "?types[]=mention&types[]=favourite", "?exclude_types[]=follow",
                "?account_id=" + fan.id(), "?limit=40")) {
            assertSameAsMongoDb(reader, PAGE + query);
            assertSameAsMongoDb(reader, GROUPS + query);
        }
    }

    @Test
    void everyChangeShowsOnTheNextRead() {
        AccountRef reader = EventFeed.account("reader");
        AccountRef writer = EventFeed.account("writer");
        AccountRef pest = EventFeed.account("pest");
        String mention = EventFeed.newId();
        String ownPost = EventFeed.newId();
        EventFeed.post(mention, writer, "@reader first words", List.of(reader), null, null, null);
        EventFeed.post(ownPost, reader, "mine", List.of(), null, null, null);
        EventFeed.like(pest, ownPost, reader);
        EventFeed.followsByNewAccounts(3, reader);
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("id").size() == 5
                && page.jsonPath().getString("find { it.type == 'favourite' }.status.id") != null);
        assertSameAsMongoDb(reader, PAGE);

        // a like counts at once, and the reader's own shows as theirs
        EventFeed.like(reader, mention, writer);
        awaitPage(reader, PAGE, page -> page.jsonPath().getBoolean("find { it.type == 'mention' }.status.favourited"));
        // an edit and a new profile show
        EventFeed.send(Topics.POSTS, writer.id(), PostUpdated.TYPE, new PostUpdated(mention, writer, "@reader edited",
                "<p>@reader edited</p>", Visibility.PUBLIC, List.of(reader), List.of(), List.of(), Instant.now(),
                Instant.now(), "", false, null));
        EventFeed.send(Topics.USERS, writer.id(), UserUpdated.TYPE, new UserUpdated(new AccountRef(writer.id(),
                writer.username(), "Renamed"), false, Instant.now()));
        awaitPage(reader, PAGE, page -> page.jsonPath().getString("find { it.type == 'mention' }.status.content")
                .contains("edited") && page.jsonPath().getString("find { it.type == 'mention' }.account.display_name")
                .equals("Renamed"));
        assertSameAsMongoDb(reader, PAGE);

        // a block hides the blocked account's notifications, and lifting it shows them again
        EventFeed.send(Topics.FOLLOWS, reader.id(), BlockChanged.TYPE,
                new BlockChanged(reader.id(), pest.id(), true, Instant.now()));
        awaitPage(reader, PAGE, page -> !page.jsonPath().getList("account.id").contains(pest.id()));
        assertSameAsMongoDb(reader, PAGE);
        assertSameAsMongoDb(reader, GROUPS);
        EventFeed.send(Topics.FOLLOWS, reader.id(), BlockChanged.TYPE,
                new BlockChanged(reader.id(), pest.id(), false, Instant.now()));
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("account.id").contains(pest.id()));

        // so does a suspension (pages that would show the suspended account come from MongoDB meanwhile)
        EventFeed.send(Topics.USERS, pest.id(), UserSuspended.TYPE, new UserSuspended(pest.id(), true, Instant.now()));
        awaitPage(reader, PAGE, page -> !page.jsonPath().getList("account.id").contains(pest.id()));
        assertSameAsMongoDb(reader, PAGE, false);
        EventFeed.send(Topics.USERS, pest.id(), UserSuspended.TYPE, new UserSuspended(pest.id(), false, Instant.now()));
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("account.id").contains(pest.id()));

        // a deleted post takes its notifications along
        EventFeed.send(Topics.POSTS, writer.id(), PostDeleted.TYPE, new PostDeleted(mention, writer.id(), Instant.now()));
        awaitPage(reader, PAGE, page -> !page.jsonPath().getList("type").contains("mention"));
        assertSameAsMongoDb(reader, PAGE);
        assertSameAsMongoDb(reader, GROUPS);

        // dismissing is seen by the very next read, and a new notification too
        String newest = Api.notifications(reader).jsonPath().getString("[0].id");
        Api.as(reader).post(PAGE + "/" + newest + "/dismiss").then().statusCode(200);
        assertThat(Api.notifications(reader).jsonPath().<String>getList("id")).hasSize(3).doesNotContain(newest);
        EventFeed.followsByNewAccounts(1, reader);
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("id").size() == 4);
        assertSameAsMongoDb(reader, PAGE);
        Api.as(reader).post(PAGE + "/clear").then().statusCode(200);
        assertThat(Api.types(reader)).isEmpty();
        assertSameAsMongoDb(reader, PAGE);
    }

    @Test
    void pagesBeyondWhatRedisKeepsAndALostRedisAreReadFromMongoDb() {
        AccountRef reader = EventFeed.account("popular");
        EventFeed.followsByNewAccounts(36, reader);
        awaitPage(reader, PAGE + "?limit=40", page -> page.jsonPath().getList("id").size() == 36);
        List<String> ids = Api.as(reader).get(PAGE + "?limit=40").jsonPath().getList("id");
        assertSameAsMongoDb(reader, PAGE + "?limit=40", false);
        assertSameAsMongoDb(reader, PAGE + "?max_id=" + ids.get(19), false);
        assertSameAsMongoDb(reader, PAGE + "?min_id=" + ids.get(35) + "&limit=2", false);
        assertSameAsMongoDb(reader, PAGE + "?min_id=" + ids.get(5) + "&limit=2");
        // the follows are one group reaching below the 30 kept: its members' set counts it
        assertSameAsMongoDb(reader, FIRST_GROUP);
        // a page of 40 groups ran out of the 30 entries: other groups may lie below them, which only MongoDB knows
        assertSameAsMongoDb(reader, GROUPS, false);

        // the newest page comes from Redis: 30 are kept
        double fromRedis = served("redis");
        Api.as(reader).get(PAGE + "?limit=20").then().statusCode(200);
        assertThat(served("redis")).isEqualTo(fromRedis + 1);

        loseRedisData(reader);
        double fromMongoDb = served("mongodb");
        Response afterLoss = Api.as(reader).get(PAGE + "?limit=40");
        assertThat(served("mongodb")).isEqualTo(fromMongoDb + 1);
        assertThat(afterLoss.jsonPath().<String>getList("id")).isEqualTo(ids);
        // that read rebuilt the recipient's list
        assertSameAsMongoDb(reader, PAGE + "?limit=20");
        assertThat(Api.as(reader).get(GROUPS).jsonPath().getInt("notification_groups[0].notifications_count"))
                .isEqualTo(36);
        // and that read the group's members: the next is served from Redis
        assertSameAsMongoDb(reader, FIRST_GROUP);
    }

    @Test
    void aGroupReachingBelowWhatRedisKeepsIsCountedThereThroughEveryChange() {
        AccountRef reader = EventFeed.account("crowded");
        List<AccountRef> followers = EventFeed.followsByNewAccounts(36, reader);
        awaitGroupCount(reader, 36);
        assertSameAsMongoDb(reader, FIRST_GROUP);

        // the first follower, long below the 30 kept, unfollows
        EventFeed.send(Topics.FOLLOWS, EventFeed.followedKey(reader), FollowRemoved.TYPE,
                new FollowRemoved(followers.get(0).id(), reader.id(), Instant.now()));
        awaitGroupCount(reader, 35);
        assertSameAsMongoDb(reader, FIRST_GROUP);

        // the reader blocks the second follower and the newest, whose follow headed the group
        for (AccountRef blocked : List.of(followers.get(1), followers.get(35))) {
            EventFeed.send(Topics.FOLLOWS, reader.id(), BlockChanged.TYPE,
                    new BlockChanged(reader.id(), blocked.id(), true, Instant.now()));
        }
        awaitGroupCount(reader, 33);
        assertThat(Api.as(reader).get(FIRST_GROUP).jsonPath()
                .<String>getList("notification_groups[0].sample_account_ids"))
                .doesNotContain(followers.get(35).id()).contains(followers.get(34).id());
        assertSameAsMongoDb(reader, FIRST_GROUP);

        // the third is suspended: the group's members are read again from MongoDB, once
        EventFeed.send(Topics.USERS, followers.get(2).id(), UserSuspended.TYPE,
                new UserSuspended(followers.get(2).id(), true, Instant.now()));
        awaitGroupCount(reader, 32);
        assertSameAsMongoDb(reader, FIRST_GROUP);

        // dismissing the group's newest shown notification
        String newest = Api.as(reader).get(FIRST_GROUP).jsonPath()
                .getString("notification_groups[0].most_recent_notification_id");
        Api.as(reader).post(PAGE + "/" + newest + "/dismiss").then().statusCode(200);
        assertThat(Api.as(reader).get(FIRST_GROUP).jsonPath().getInt("notification_groups[0].notifications_count"))
                .isEqualTo(31);
        assertSameAsMongoDb(reader, FIRST_GROUP);

        // after a clear, a follow joining the still open group counts alone
        Api.as(reader).post(PAGE + "/clear").then().statusCode(200);
        EventFeed.follow(EventFeed.account("latecomer"), reader, false, EventFeed.followedKey(reader));
        awaitGroupCount(reader, 1);
        assertSameAsMongoDb(reader, FIRST_GROUP);
    }

    private static void awaitGroupCount(AccountRef reader, int count) {
        awaitPage(reader, FIRST_GROUP,
                page -> page.jsonPath().getInt("notification_groups[0].notifications_count") == count);
    }

    /** The route that serves pages from Redis (ADR 33) leaves to the JAX-RS resources whatever it cannot answer. */
    @Test
    void theFastPathAnswersOnlyWhatTheResourcesWouldAnswerTheSame() {
        AccountRef reader = EventFeed.account("reader");
        EventFeed.followsByNewAccounts(2, reader);
        awaitPage(reader, PAGE, page -> page.jsonPath().getList("id").size() == 2);

        double fromRedis = served("redis");
        Api.as(reader).get(PAGE).then().statusCode(200).contentType("application/json;charset=UTF-8");
        Api.as(reader).get(GROUPS).then().statusCode(200).contentType("application/json;charset=UTF-8");
        assertThat(served("redis")).isEqualTo(fromRedis + 2);

        double includeFiltered = missed("include-filtered");
        Api.as(reader).queryParam("include_filtered", "true").get(PAGE).then().statusCode(200);
        assertThat(missed("include-filtered")).as("include_filtered read by the resource").isEqualTo(
                includeFiltered + 1);
        Api.as(reader).accept("text/html").get(PAGE).then().statusCode(406);
        Api.as(reader).accept("text/html").get(GROUPS).then().statusCode(406);
        Api.as(reader).queryParam("types[]", "nonsense").get(GROUPS).then().statusCode(400)
                .spec(ErrorBody.MASTODON);
        given().get(GROUPS).then().statusCode(401).spec(ErrorBody.MASTODON);
        assertThat(served("redis")).as("none of those from Redis").isEqualTo(fromRedis + 2);
    }

    @Test
    void aPostLikedBeforeItArrivedIsCompleteInRedisWithoutARead() {
        AccountRef author = EventFeed.account("author");
        AccountRef fan = EventFeed.account("fan");
        for (AccountRef account : List.of(fan, author)) {
            EventFeed.send(Topics.USERS, account.id(), UserRegistered.TYPE,
                    new UserRegistered(account, false, Instant.now()));
        }
        await().atMost(Api.WAIT).until(() -> "0".equals(redis.sync().hget("notif:{" + author.id() + "}:state",
                "floor")) && redis.sync().exists(RenderedAccounts.key(fan.id())) == 1);

        // the like is applied before its post: they come on different topics, as when this service lags on posts
        String post = EventFeed.newId();
        EventFeed.like(fan, post, author);
        await().atMost(Api.WAIT).until(() -> redis.sync().hexists(RenderedPosts.key(post), "f:" + fan.id()));
        EventFeed.post(post, author, "liked before it arrived", List.of(), null, null, null);
        await().atMost(Api.WAIT).until(() -> redis.sync().hexists(RenderedPosts.key(post), "c"));

        double fromMongoDb = served("mongodb");
        awaitPage(author, PAGE, page -> page.jsonPath().getInt("find { it.type == 'favourite' }.status"
                + ".favourites_count") == 1);
        assertThat(served("mongodb")).as("no read needed MongoDB").isEqualTo(fromMongoDb);
        assertSameAsMongoDb(author, PAGE);
        assertSameAsMongoDb(author, GROUPS);
    }

    @Test
    void aNewAccountIsServedFromRedisFromItsFirstReadAndARegistrationReplayedAfterALossIsNot() {
        AccountRef newcomer = EventFeed.account("newcomer");
        AccountRef fan = EventFeed.account("fan");
        AccountRef writer = EventFeed.account("writer");
        String state = "notif:{" + newcomer.id() + "}:state";
        for (AccountRef account : List.of(fan, writer, newcomer)) {
            EventFeed.send(Topics.USERS, account.id(), UserRegistered.TYPE,
                    new UserRegistered(account, false, Instant.now()));
        }
        await().atMost(Api.WAIT).until(() -> "0".equals(redis.sync().hget(state, "floor")));

        // new posts are complete in Redis from the start: a like and a mention need no MongoDB either
        String ownPost = EventFeed.newId();
        EventFeed.post(ownPost, newcomer, "mine", List.of(), null, null, null);
        EventFeed.post(EventFeed.newId(), writer, "@newcomer hi", List.of(newcomer), null, null, null);
        // the like comes after its post, as when a user likes what they see (the two are on different topics)
        await().atMost(Api.WAIT).until(() -> redis.sync().hexists(RenderedPosts.key(ownPost), "c"));
        EventFeed.like(fan, ownPost, newcomer);
        EventFeed.followsByNewAccounts(1, newcomer);
        // the first read comes once the three notifications and their accounts are in Redis
        String recent = "notif:{" + newcomer.id() + "}:recent";
        await().atMost(Api.WAIT).until(() -> {
            List<String> entries = redis.sync().zrange(recent, 0, -1);
            return entries.size() == 3 && entries.stream()
                    .allMatch(entry -> redis.sync().exists(RenderedAccounts.key(entry.split("\\|")[2])) == 1);
        });
        double fromMongoDb = served("mongodb");
        awaitPage(newcomer, PAGE, page -> page.jsonPath().getList("id").size() == 3
                && page.jsonPath().getInt("find { it.type == 'favourite' }.status.favourites_count") == 1);
        assertThat(served("mongodb")).as("no read rebuilt the new account's notifications").isEqualTo(fromMongoDb);
        assertSameAsMongoDb(newcomer, PAGE);
        assertSameAsMongoDb(newcomer, GROUPS);

        // replayed after Redis lost the notifications, the registration claims nothing: the next read rebuilds
        loseRedisData(newcomer);
        EventFeed.send(Topics.USERS, newcomer.id(), UserRegistered.TYPE,
                new UserRegistered(newcomer, false, Instant.now()));
        EventFeed.send(Topics.USERS, newcomer.id(), UserUpdated.TYPE, new UserUpdated(new AccountRef(newcomer.id(),
                newcomer.username(), "Renamed"), false, Instant.now())); // applied after the replay: same partition
        await().atMost(Api.WAIT).until(() -> redis.sync().get(RenderedAccounts.key(newcomer.id())),
                account -> account != null && account.contains("Renamed"));
        assertThat(redis.sync().exists(state)).isZero();
        fromMongoDb = served("mongodb");
        assertThat(Api.notifications(newcomer).jsonPath().<String>getList("id")).hasSize(3);
        assertThat(served("mongodb")).isEqualTo(fromMongoDb + 1);
    }

    /** Redis loses everything: the reader's keys, the rendered accounts and posts. */
    void loseRedisData(AccountRef reader) {
        redis.sync().flushall();
    }

    private void assertSameAsMongoDb(AccountRef reader, String path) {
        assertSameAsMongoDb(reader, path, true);
    }

    /**
     * Reads the page as a client does (from Redis if {@code fromRedis}, else beyond what Redis keeps), then from
     * MongoDB, and compares the two answers.
     */
    private void assertSameAsMongoDb(AccountRef reader, String path, boolean fromRedis) {
        Api.as(reader).urlEncodingEnabled(false).get(path).then().statusCode(200); // warms what the page needs
        double servedBefore = served("redis");
        Response fast = Api.as(reader).urlEncodingEnabled(false).get(path);
        assertThat(served("redis")).as("%s read from Redis", path).isEqualTo(servedBefore + (fromRedis ? 1 : 0));

        forgetRecipient(reader);
        double fromMongoDb = served("mongodb");
        double notBuilt = missed("not-built");
        Response stored = Api.as(reader).urlEncodingEnabled(false).get(path);
        assertThat(served("mongodb")).as("read from MongoDB").isEqualTo(fromMongoDb + 1);
        assertThat(missed("not-built")).as("missed as not built").isEqualTo(notBuilt + 1);

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.body().asString()).as(path).isEqualTo(stored.body().asString());
        assertThat(fast.header("Link")).as(path).isEqualTo(stored.header("Link"));
    }

    private void forgetRecipient(AccountRef reader) {
        redis.sync().del("notif:{" + reader.id() + "}:recent", "notif:{" + reader.id() + "}:state",
                "notif:{" + reader.id() + "}:silenced");
    }

    private double served(String source) {
        return meters.counter("social.notifications.pages", "source", source).count();
    }

    private double missed(String reason) {
        return meters.counter("social.notifications.pages.missed", "reason", reason).count();
    }

    private static void awaitPage(AccountRef reader, String path, Predicate<Response> done) {
        await().atMost(Api.WAIT).ignoreExceptions().until(() -> Api.as(reader).urlEncodingEnabled(false).get(path),
                done::test);
    }
}
