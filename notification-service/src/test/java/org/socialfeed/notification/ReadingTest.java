package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.testing.ErrorBody;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ReadingTest {

    @Test
    @SuppressWarnings("unchecked")
    void likesOfOnePostAndFollowsAreGroupedWithTheLatestActors() {
        AccountRef star = EventFeed.account("star");
        String post = EventFeed.newId();
        String otherPost = EventFeed.newId();
        EventFeed.post(post, star, "grouped", List.of(), null, null, null);
        List<AccountRef> likers = EventFeed.likesByNewAccounts(5, post, star);
        EventFeed.like(likers.get(0), otherPost, star);
        AccountRef follower1 = EventFeed.account("follower");
        AccountRef follower2 = EventFeed.account("follower");
        EventFeed.follow(follower1, star, false, "g-" + star.id());
        EventFeed.follow(follower2, star, false, "g-" + star.id());
        Api.awaitTypes(star, 8);

        JsonPath grouped = Api.as(star).get("/api/v2/notifications").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> groups = grouped.getList("notification_groups");
        assertThat(groups).hasSize(3);
        Map<String, Object> likes = groups.stream().filter(g -> g.get("group_key").toString()
                .startsWith("favourite-" + post + "-")).findFirst().orElseThrow();
        assertThat(likes.get("notifications_count")).isEqualTo(5);
        assertThat(likes.get("type")).isEqualTo("favourite");
        assertThat(likes.get("status_id")).isEqualTo(post);
        assertThat((List<Object>) likes.get("sample_account_ids")).containsExactly(likers.get(4).id(), likers.get(3).id(),
                likers.get(2).id(), likers.get(1).id(), likers.get(0).id());
        Map<String, Object> follows = groups.stream().filter(g -> g.get("type").equals("follow")).findFirst()
                .orElseThrow();
        assertThat(follows.get("notifications_count")).isEqualTo(2);
        assertThat(grouped.getList("accounts.id")).contains(likers.get(4).id(), follower1.id(), follower2.id());
        await().atMost(Api.WAIT).until(() -> Api.as(star).get("/api/v2/notifications").jsonPath()
                .getList("statuses.id").contains(post));

        // the next page starts after the last group, and never repeats a group
        var firstPage = Api.as(star).queryParam("limit", 1).get("/api/v2/notifications");
        String next = firstPage.header("Link").replaceAll("^<([^>]+)>; rel=\"next\".*$", "$1");
        List<String> secondPage = Api.as(star).urlEncodingEnabled(false).get(next).jsonPath()
                .getList("notification_groups.group_key");
        assertThat(secondPage).hasSize(1).doesNotContain(firstPage.jsonPath().getString("notification_groups[0].group_key"));

        // v1 shows each notification with its group key
        assertThat(Api.as(star).queryParam("types[]", "favourite").get("/api/v1/notifications").jsonPath()
                .<String>getList("group_key")).filteredOn(key -> key.startsWith("favourite-" + post)).hasSize(5);
    }

    @Test
    void unreadCountFollowsTheMarkerWhichNeverMovesBackwards() {
        AccountRef reader = EventFeed.account("reader");
        EventFeed.followsByNewAccounts(4, reader);
        Api.awaitTypes(reader, 4);
        List<String> ids = Api.notifications(reader).jsonPath().getList("id");
        Api.as(reader).get("/api/v1/notifications/unread_count").then().statusCode(200).body("count", equalTo(4));
        Api.as(reader).get("/api/v1/markers?timeline[]=notifications").then().statusCode(200)
                .body("$", not(hasKey("notifications")));

        Api.as(reader).contentType(ContentType.JSON)
                .body(Map.of("notifications", Map.of("last_read_id", ids.get(2))))
                .post("/api/v1/markers").then().statusCode(200)
                .body("notifications.last_read_id", equalTo(ids.get(2))).body("notifications.version", equalTo(1));
        Api.as(reader).get("/api/v1/notifications/unread_count").then().body("count", equalTo(2));
        Api.as(reader).queryParam("limit", 1).get("/api/v1/notifications/unread_count").then().body("count", equalTo(1));

        // two devices at once: both succeed, the higher id wins, whatever the order
        CompletableFuture<Void> older = CompletableFuture.runAsync(() -> Api.as(reader)
                .formParam("notifications[last_read_id]", ids.get(1)).post("/api/v1/markers").then().statusCode(200));
        CompletableFuture<Void> newer = CompletableFuture.runAsync(() -> Api.as(reader).contentType(ContentType.JSON)
                .body(Map.of("notifications", Map.of("last_read_id", ids.get(0)))).post("/api/v1/markers")
                .then().statusCode(200));
        CompletableFuture.allOf(older, newer).join();
        Api.as(reader).get("/api/v1/markers").then().body("notifications.last_read_id", equalTo(ids.get(0)));
        Api.as(reader).contentType(ContentType.JSON).body(Map.of("notifications", Map.of("last_read_id", ids.get(3))))
                .post("/api/v1/markers").then().statusCode(200)
                .body("notifications.last_read_id", equalTo(ids.get(0)));
        Api.as(reader).get("/api/v1/notifications/unread_count").then().body("count", equalTo(0));

        Api.as(reader).contentType(ContentType.JSON).body(Map.of("notifications", Map.of("last_read_id", "abc")))
                .post("/api/v1/markers").then().statusCode(422).spec(ErrorBody.MASTODON);
        Api.as(reader).contentType(ContentType.JSON).body("{\"notifications\":")
                .post("/api/v1/markers").then().statusCode(400).spec(ErrorBody.MASTODON);
        Api.as(reader).get("/api/v1/markers").then().body("notifications.last_read_id", equalTo(ids.get(0)));
    }

    @Test
    void groupedUnreadCountCountsEachGroupOnce() {
        AccountRef author = EventFeed.account("popular");
        String post = EventFeed.newId();
        String otherPost = EventFeed.newId();
        List<AccountRef> likers = EventFeed.likesByNewAccounts(3, post, author);
        EventFeed.like(likers.get(0), otherPost, author);
        EventFeed.follow(EventFeed.account("f"), author, false, "gc-" + author.id());
        EventFeed.follow(EventFeed.account("f"), author, false, "gc-" + author.id());
        Api.awaitTypes(author, 6);
        String v2 = "/api/v2/notifications/unread_count";

        Api.as(author).get("/api/v1/notifications/unread_count").then().statusCode(200).body("count", equalTo(6));
        // the likes of each post, and the follows, are one group each
        Api.as(author).get(v2).then().statusCode(200).body("count", equalTo(3));
        Api.as(author).queryParam("grouped_types[]", "follow").get(v2).then().body("count", equalTo(5));
        Api.as(author).queryParam("types[]", "favourite").get(v2).then().body("count", equalTo(2));
        Api.as(author).queryParam("exclude_types[]", "favourite").get(v2).then().body("count", equalTo(1));
        Api.as(author).queryParam("account_id", likers.get(0).id()).get(v2).then().body("count", equalTo(2));
        Api.as(author).queryParam("account_id", likers.get(0).id()).get("/api/v1/notifications/unread_count")
                .then().body("count", equalTo(2));
        Api.as(author).queryParam("limit", 2).get(v2).then().body("count", equalTo(2));
        Api.as(author).queryParam("grouped_types[]", "poll").get(v2).then().statusCode(400);

        String newest = Api.notifications(author).jsonPath().getString("[0].id");
        Api.as(author).contentType(ContentType.JSON).body(Map.of("notifications", Map.of("last_read_id", newest)))
                .post("/api/v1/markers").then().statusCode(200);
        Api.as(author).get(v2).then().body("count", equalTo(0));
    }

    @Test
    void unreadCountsRefuseLimitsBelowOne() {
        AccountRef reader = EventFeed.account("limited");
        EventFeed.followsByNewAccounts(3, reader);
        Api.awaitTypes(reader, 3);
        for (String path : List.of("/api/v1/notifications/unread_count", "/api/v2/notifications/unread_count")) {
            for (String limit : List.of("-1", "0", "ten", "1.5")) {
                assertThat(Api.as(reader).queryParam("limit", limit).get(path).statusCode())
                        .as("limit %s of %s", limit, path).isEqualTo(400);
            }
        }
        // above the maximum the count is capped, as Mastodon caps it
        Api.as(reader).queryParam("limit", 5000).get("/api/v1/notifications/unread_count").then().statusCode(200)
                .body("count", equalTo(3));
        Api.as(reader).queryParam("limit", 5000).get("/api/v2/notifications/unread_count").then().statusCode(200)
                .body("count", equalTo(1));
    }

    @Test
    void homeAndNotificationsMarkersAreKeptApart() {
        AccountRef user = EventFeed.account("bookmarked");
        String olderStatus = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(60)));
        String newerStatus = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(30)));
        String notification = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(10)));

        Api.as(user).contentType(ContentType.JSON).body(Map.of("home", Map.of("last_read_id", olderStatus)))
                .post("/api/v1/markers").then().statusCode(200)
                .body("home.last_read_id", equalTo(olderStatus)).body("home.version", equalTo(1))
                .body("$", not(hasKey("notifications")));
        Api.as(user).get("/api/v1/markers?timeline[]=home&timeline[]=notifications").then().statusCode(200)
                .body("home.last_read_id", equalTo(olderStatus)).body("$", not(hasKey("notifications")));

        // Mastodon's form shape, both timelines at once
        Api.as(user).formParam("home[last_read_id]", newerStatus).formParam("notifications[last_read_id]", notification)
                .post("/api/v1/markers").then().statusCode(200)
                .body("home.last_read_id", equalTo(newerStatus)).body("home.version", equalTo(2))
                .body("notifications.last_read_id", equalTo(notification)).body("notifications.version", equalTo(1));
        // the home marker never moves backwards either
        Api.as(user).contentType(ContentType.JSON).body(Map.of("home", Map.of("last_read_id", olderStatus)))
                .post("/api/v1/markers").then().statusCode(200).body("home.last_read_id", equalTo(newerStatus))
                .body("home.version", equalTo(2));

        Api.as(user).get("/api/v1/markers?timeline[]=notifications").then()
                .body("notifications.last_read_id", equalTo(notification)).body("$", not(hasKey("home")));
        Api.as(user).get("/api/v1/markers?timeline[]=home&timeline[]=public").then()
                .body("home.last_read_id", equalTo(newerStatus)).body("$", not(hasKey("notifications")));
        Api.as(user).get("/api/v1/markers").then()
                .body("home.last_read_id", equalTo(newerStatus)).body("notifications.last_read_id", equalTo(notification));
    }

    @Test
    void markerIdsNoStatusOrNotificationCanHaveAreRefusedAndChangeNothing() {
        AccountRef user = EventFeed.account("strict");
        String status = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(60)));
        String notification = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(30)));
        Api.as(user).formParam("home[last_read_id]", status).formParam("notifications[last_read_id]", notification)
                .post("/api/v1/markers").then().statusCode(200);

        String fromTheFuture = Long.toString(SnowflakeIds.floorAt(Instant.now().plus(Duration.ofHours(1))));
        for (String bad : List.of("9223372036854775807", Long.toString(1L << 53), fromTheFuture, "-5", "0", "abc", "")) {
            for (String timeline : List.of("home", "notifications")) {
                assertThat(Api.as(user).contentType(ContentType.JSON).body(Map.of(timeline, Map.of("last_read_id", bad)))
                        .post("/api/v1/markers").statusCode()).as("%s '%s' (JSON)", timeline, bad).isEqualTo(422);
                assertThat(Api.as(user).formParam(timeline + "[last_read_id]", bad).post("/api/v1/markers")
                        .statusCode()).as("%s '%s' (form)", timeline, bad).isEqualTo(422);
            }
        }
        // one bad id refuses the whole request: the good one moves nothing either
        String newer = Long.toString(SnowflakeIds.floorAt(Instant.now()));
        Api.as(user).contentType(ContentType.JSON).body(Map.of("home", Map.of("last_read_id", newer),
                "notifications", Map.of("last_read_id", "9223372036854775807"))).post("/api/v1/markers")
                .then().statusCode(422);
        Api.as(user).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/markers").then().statusCode(422);
        Api.as(user).formParam("public[last_read_id]", newer).post("/api/v1/markers").then().statusCode(422);

        Api.as(user).get("/api/v1/markers").then()
                .body("home.last_read_id", equalTo(status)).body("home.version", equalTo(1))
                .body("notifications.last_read_id", equalTo(notification)).body("notifications.version", equalTo(1));
    }

    @Test
    void dismissOneAndClearAll() {
        AccountRef user = EventFeed.account("tidy");
        EventFeed.followsByNewAccounts(3, user);
        Api.awaitTypes(user, 3);
        String first = Api.notifications(user).jsonPath().getString("[0].id");
        Api.as(user).post("/api/v1/notifications/" + first + "/dismiss").then().statusCode(200);
        assertThat(Api.notifications(user).jsonPath().<String>getList("id")).hasSize(2).doesNotContain(first);
        Api.as(user).get("/api/v1/notifications/" + first).then().statusCode(404);
        Api.as(user).post("/api/v1/notifications/clear").then().statusCode(200);
        assertThat(Api.types(user)).isEmpty();
        Api.as(user).get("/api/v1/notifications/unread_count").then().body("count", equalTo(0));
    }

    @Test
    void typesTurnedOffCreateNothing() {
        AccountRef user = EventFeed.account("picky");
        Api.as(user).get("/api/v1/notifications/preferences").then().statusCode(200)
                .body("favourite", equalTo(true)).body("follow", equalTo(true));
        Api.as(user).contentType(ContentType.JSON).body(Map.of("favourite", false))
                .put("/api/v1/notifications/preferences").then().statusCode(200)
                .body("favourite", equalTo(false)).body("follow", equalTo(true));
        Api.as(user).contentType(ContentType.JSON).body(Map.of("favourite", true, "bogus", false))
                .put("/api/v1/notifications/preferences").then().statusCode(422)
                .spec(ErrorBody.MASTODON);
        Api.as(user).get("/api/v1/notifications/preferences").then().body("favourite", equalTo(false));

        String post = EventFeed.newId();
        EventFeed.like(EventFeed.account("liker"), post, user);
        EventFeed.send(Topics.INTERACTIONS, post, org.socialfeed.events.PostReposted.TYPE,
                new org.socialfeed.events.PostReposted(EventFeed.newId(), EventFeed.account("booster"), post,
                        user.id(), org.socialfeed.events.Visibility.PUBLIC, true, Instant.now()));
        assertThat(Api.awaitTypes(user, 1)).containsExactly("reblog");
    }

    @Test
    void thePolicyFiltersOrDropsStrangersAndNewAccounts() {
        AccountRef user = EventFeed.account("careful");
        Api.as(user).get("/api/v2/notifications/policy").then().statusCode(200)
                .body("for_not_following", equalTo("accept")).body("for_new_accounts", equalTo("accept"))
                .body("new_account_days", equalTo(30));
        Api.as(user).contentType(ContentType.JSON).body(Map.of("for_not_following", "filter",
                        "for_new_accounts", "drop", "new_account_days", 7))
                .patch("/api/v2/notifications/policy").then().statusCode(200)
                .body("for_not_following", equalTo("filter")).body("for_new_accounts", equalTo("drop"))
                .body("for_not_followers", equalTo("accept"));
        Api.as(user).contentType(ContentType.JSON).body(Map.of("for_not_followers", "sometimes"))
                .patch("/api/v2/notifications/policy").then().statusCode(400).spec(ErrorBody.MASTODON);
        Api.as(user).contentType(ContentType.JSON).body(Map.of("new_account_days", 0))
                .patch("/api/v2/notifications/policy").then().statusCode(422);
        Api.as(user).get("/api/v2/notifications/policy").then().body("for_not_followers", equalTo("accept"))
                .body("new_account_days", equalTo(7));

        // account ids are time-ordered, so their age is known even before their registration event is read
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        AccountRef friend = EventFeed.accountCreatedAt("friend", longAgo);
        AccountRef stranger = EventFeed.accountCreatedAt("stranger", longAgo);
        AccountRef newcomer = EventFeed.accountCreatedAt("newcomer", Instant.now());
        String key = "p-" + user.id();
        EventFeed.send(Topics.USERS, key, UserRegistered.TYPE, new UserRegistered(friend, false, longAgo));
        EventFeed.send(Topics.USERS, key, UserRegistered.TYPE, new UserRegistered(stranger, false, longAgo));
        EventFeed.send(Topics.USERS, key, UserRegistered.TYPE, new UserRegistered(newcomer, false, Instant.now()));
        EventFeed.follow(user, friend, false, key + "f");
        assertThat(Api.awaitTypes(friend, 1)).containsExactly("follow"); // the user follows the friend from now on

        String post = EventFeed.newId();
        EventFeed.like(newcomer, post, user);
        EventFeed.like(stranger, post, user);
        EventFeed.like(friend, post, user);
        assertThat(Api.awaitTypes(user, 1)).containsExactly("favourite");
        JsonPath withFiltered = await().atMost(Api.WAIT).until(() -> Api.as(user).queryParam("include_filtered", true)
                .get("/api/v1/notifications").jsonPath(), page -> page.getList("id").size() == 2);
        assertThat(withFiltered.<String>getList("account.id")).containsExactly(friend.id(), stranger.id());
        assertThat(withFiltered.getBoolean("[1].filtered")).isTrue();
        assertThat(Api.notifications(user).jsonPath().<String>getList("account.id")).containsExactly(friend.id());
        Api.as(user).get("/api/v2/notifications/policy").then()
                .body("summary.pending_notifications_count", equalTo(1))
                .body("summary.pending_requests_count", equalTo(1));
    }
}
