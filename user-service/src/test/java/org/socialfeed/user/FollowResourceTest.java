package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FollowResourceTest {

    @Test
    void followIsIdempotentAndCountsOnce() {
        UserApi.Registered follower = UserApi.register("fan");
        UserApi.Registered star = UserApi.register("star");

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(follower.token()).post("/api/v1/accounts/" + star.id() + "/follow")
                    .then().statusCode(200).body("id", equalTo(star.id())).body("following", equalTo(true));
        }
        given().get("/api/v1/accounts/" + star.id()).then().body("followers_count", equalTo(1));
        given().get("/api/v1/accounts/" + follower.id()).then().body("following_count", equalTo(1));
        given().auth().oauth2(star.token()).queryParam("id[]", follower.id())
                .get("/api/v1/accounts/relationships")
                .then().statusCode(200).body("[0].followed_by", equalTo(true)).body("[0].following", equalTo(false));

        String key = follower.id() + ":" + star.id();
        List<ConsumerRecord<String, String>> created = KafkaProbe.awaitRecords(Topics.FOLLOWS,
                record -> key.equals(record.key()), 1, Duration.ofSeconds(20));
        assertThat(KafkaProbe.header(created.get(0), "ce_type")).isEqualTo(FollowCreated.TYPE);

        given().auth().oauth2(follower.token()).post("/api/v1/accounts/" + star.id() + "/unfollow")
                .then().statusCode(200).body("following", equalTo(false));
        given().auth().oauth2(follower.token()).post("/api/v1/accounts/" + star.id() + "/unfollow")
                .then().statusCode(200);
        given().get("/api/v1/accounts/" + star.id()).then().body("followers_count", equalTo(0));
        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.FOLLOWS,
                record -> key.equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(events).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsExactly(FollowCreated.TYPE, FollowRemoved.TYPE);
    }

    @Test
    void cannotFollowYourselfOrUnknownAccounts() {
        UserApi.Registered solo = UserApi.register("solo");
        given().auth().oauth2(solo.token()).post("/api/v1/accounts/" + solo.id() + "/follow")
                .then().statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(solo.token()).post("/api/v1/accounts/987654321/follow")
                .then().statusCode(404).spec(ErrorBody.MASTODON);
        given().get("/api/v1/accounts/" + solo.id()).then().body("following_count", equalTo(0));
    }

    @Test
    void followingNeedsAValidTokenAndActsOnlyAsTheCaller() {
        UserApi.Registered a = UserApi.register("a");
        UserApi.Registered b = UserApi.register("b");
        given().post("/api/v1/accounts/" + b.id() + "/follow")
                .then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.forged(a.id(), a.username())).post("/api/v1/accounts/" + b.id() + "/follow")
                .then().statusCode(401);
        given().get("/api/v1/accounts/" + b.id()).then().body("followers_count", equalTo(0));
        given().auth().oauth2(a.token()).queryParam("id[]", b.id()).queryParam("id[]", "junk")
                .get("/api/v1/accounts/relationships").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void aLockedAccountApprovesOrRejectsFollowRequests() {
        UserApi.Registered owner = UserApi.register("locked");
        UserApi.Registered liked = UserApi.register("liked");
        UserApi.Registered disliked = UserApi.register("disliked");
        UserApi.lock(owner, true).body("locked", equalTo(true));

        for (UserApi.Registered asker : List.of(liked, disliked)) {
            UserApi.act(asker, "follow", owner).statusCode(200)
                    .body("requested", equalTo(true)).body("following", equalTo(false));
        }
        UserApi.act(liked, "follow", owner).statusCode(200).body("requested", equalTo(true)); // asking twice is one request
        UserApi.account(owner).body("followers_count", equalTo(0));
        given().auth().oauth2(owner.token()).get("/api/v1/follow_requests")
                .then().statusCode(200).body("id", contains(disliked.id(), liked.id()));
        UserApi.relationship(owner, liked).body("[0].requested_by", equalTo(true));

        given().auth().oauth2(owner.token()).post("/api/v1/follow_requests/" + liked.id() + "/authorize")
                .then().statusCode(200).body("followed_by", equalTo(true));
        given().auth().oauth2(owner.token()).post("/api/v1/follow_requests/" + liked.id() + "/authorize")
                .then().statusCode(200);
        given().auth().oauth2(owner.token()).post("/api/v1/follow_requests/" + disliked.id() + "/reject")
                .then().statusCode(200).body("requested_by", equalTo(false)).body("followed_by", equalTo(false));
        given().auth().oauth2(owner.token()).post("/api/v1/follow_requests/" + disliked.id() + "/reject")
                .then().statusCode(404);

        UserApi.account(owner).body("followers_count", equalTo(1));
        UserApi.account(liked).body("following_count", equalTo(1));
        UserApi.account(disliked).body("following_count", equalTo(0));
        given().auth().oauth2(owner.token()).get("/api/v1/follow_requests").then().body("$", empty());
        given().get("/api/v1/accounts/" + owner.id() + "/followers").then().body("id", contains(liked.id()));

        assertThat(UserApi.followEventTypes(liked.id() + ":" + owner.id(), 2)).containsExactly(FollowRequested.TYPE, FollowCreated.TYPE);
        assertThat(UserApi.followEventTypes(disliked.id() + ":" + owner.id(), 2)).containsExactly(FollowRequested.TYPE, FollowRemoved.TYPE);
    }

    @Test
    void unlockingAnAccountAcceptsItsPendingRequests() {
        UserApi.Registered owner = UserApi.register("unlocking");
        UserApi.Registered asker = UserApi.register("patient");
        UserApi.lock(owner, true);
        UserApi.act(asker, "follow", owner).statusCode(200).body("requested", equalTo(true));
        UserApi.lock(owner, false).body("followers_count", equalTo(1));
        UserApi.relationship(asker, owner).body("[0].following", equalTo(true)).body("[0].requested", equalTo(false));
    }

    @Test
    void followingAgainWithOtherOptionsChangesThemAndReEmitsTheFollow() {
        UserApi.Registered reader = UserApi.register("reader");
        UserApi.Registered writer = UserApi.register("writer");
        UserApi.act(reader, "follow", writer, Map.of("notify", true)).statusCode(200)
                .body("following", equalTo(true)).body("notifying", equalTo(true)).body("showing_reblogs", equalTo(true));
        UserApi.act(reader, "follow", writer).statusCode(200).body("notifying", equalTo(true)); // omitted = unchanged
        given().auth().oauth2(reader.token()).contentType("application/x-www-form-urlencoded").body("reblogs=false")
                .post("/api/v1/accounts/" + writer.id() + "/follow")
                .then().statusCode(200).body("showing_reblogs", equalTo(false)).body("notifying", equalTo(true));
        UserApi.account(writer).body("followers_count", equalTo(1));

        List<ConsumerRecord<String, String>> created = KafkaProbe.awaitRecords(Topics.FOLLOWS,
                record -> (reader.id() + ":" + writer.id()).equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(created.get(0).value()).contains("\"notifyOfPosts\":true", "\"showReblogs\":true");
        assertThat(created.get(1).value()).contains("\"notifyOfPosts\":true", "\"showReblogs\":false");
        assertThat(created).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsOnly(FollowCreated.TYPE);
    }

    @Test
    void followerAndFollowingListsPageNewestFirstWithLinkHeaders() {
        UserApi.Registered star = UserApi.register("listed");
        List<UserApi.Registered> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserApi.Registered fan = UserApi.register("lister" + i);
            UserApi.act(fan, "follow", star).statusCode(200);
            fans.add(fan);
        }
        var first = given().queryParam("limit", 2).get("/api/v1/accounts/" + star.id() + "/followers")
                .then().statusCode(200).body("id", contains(fans.get(4).id(), fans.get(3).id()))
                .header("Link", containsString("rel=\"next\"")).extract();
        var second = given().get(next(first.header("Link"))).then().statusCode(200)
                .body("id", contains(fans.get(2).id(), fans.get(1).id())).extract();
        var third = given().get(next(second.header("Link"))).then().statusCode(200)
                .body("id", contains(fans.get(0).id())).extract();
        given().get(next(third.header("Link"))).then().statusCode(200).body("$", empty())
                .header("Link", nullValue());
        given().get(prev(second.header("Link"))).then().statusCode(200)
                .body("id", contains(fans.get(4).id(), fans.get(3).id()));

        given().get("/api/v1/accounts/" + fans.get(0).id() + "/following").then().statusCode(200)
                .body("id", contains(star.id())).body("[0].followers_count", equalTo(5));
    }

    static String next(String link) {
        return rel(link, "next");
    }

    static String prev(String link) {
        return rel(link, "prev");
    }

    private static String rel(String link, String rel) {
        Matcher matcher = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(link);
        assertThat(matcher.find()).as("Link %s has rel=%s", link, rel).isTrue();
        return matcher.group(1);
    }
}
