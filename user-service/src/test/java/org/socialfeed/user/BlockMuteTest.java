package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class BlockMuteTest {

    @Test
    void aBlockEndsFollowsBothWaysForbidsNewOnesAndHidesEachFromTheOther() {
        UserApi.Registered blocker = UserApi.register("blocker");
        UserApi.Registered pest = UserApi.register("pest");
        UserApi.Registered common = UserApi.register("common");
        UserApi.act(blocker, "follow", pest).statusCode(200);
        UserApi.act(pest, "follow", blocker).statusCode(200);
        UserApi.act(pest, "follow", common).statusCode(200);

        for (int i = 0; i < 2; i++) {
            UserApi.act(blocker, "block", pest).statusCode(200)
                    .body("blocking", equalTo(true)).body("following", equalTo(false)).body("followed_by", equalTo(false));
        }
        UserApi.relationship(pest, blocker).body("[0].blocked_by", equalTo(true)).body("[0].following", equalTo(false));
        for (UserApi.Registered account : List.of(blocker, pest)) {
            UserApi.account(account).body("followers_count", equalTo(0));
        }
        UserApi.account(pest).body("following_count", equalTo(1));
        UserApi.act(pest, "follow", blocker).statusCode(403).spec(ErrorBody.MASTODON);
        UserApi.act(blocker, "follow", pest).statusCode(403);
        UserApi.account(blocker).body("followers_count", equalTo(0));

        given().auth().oauth2(blocker.token()).get("/api/v1/blocks").then().statusCode(200).body("id", contains(pest.id()));
        given().auth().oauth2(blocker.token()).get("/api/v1/accounts/" + common.id() + "/followers")
                .then().body("id", not(hasItem(pest.id())));
        given().get("/api/v1/accounts/" + common.id() + "/followers").then().body("id", hasItem(pest.id()));

        String blockKey = "block:" + blocker.id() + ":" + pest.id();
        assertThat(UserApi.followEventTypes(blockKey, 1)).containsExactly(BlockChanged.TYPE);
        assertThat(UserApi.followEventTypes(blocker.id() + ":" + pest.id(), 2)).endsWith(FollowRemoved.TYPE);
        assertThat(UserApi.followEventTypes(pest.id() + ":" + blocker.id(), 2)).endsWith(FollowRemoved.TYPE);

        UserApi.act(blocker, "unblock", pest).statusCode(200).body("blocking", equalTo(false))
                .body("following", equalTo(false));
        UserApi.act(blocker, "unblock", pest).statusCode(200);
        given().auth().oauth2(blocker.token()).get("/api/v1/blocks").then().body("$", empty());
        List<ConsumerRecord<String, String>> changes = KafkaProbe.awaitRecords(Topics.FOLLOWS,
                record -> blockKey.equals(record.key()), 2, Duration.ofSeconds(20));
        assertThat(changes.get(1).value()).contains("\"blocking\":false");
        UserApi.act(pest, "follow", blocker).statusCode(200).body("following", equalTo(true));
    }

    @Test
    void aMuteIsPrivateIdempotentAndRemembersNotifications() {
        UserApi.Registered muter = UserApi.register("muter");
        UserApi.Registered loud = UserApi.register("loud");
        UserApi.act(muter, "follow", loud).statusCode(200);
        UserApi.act(muter, "mute", loud, Map.of("notifications", false)).statusCode(200)
                .body("muting", equalTo(true)).body("muting_notifications", equalTo(false))
                .body("following", equalTo(true));
        UserApi.act(muter, "mute", loud, Map.of("notifications", false)).statusCode(200);
        UserApi.act(muter, "mute", loud).statusCode(200).body("muting_notifications", equalTo(true));
        UserApi.relationship(loud, muter).body("[0].muting", equalTo(false)).body("[0].followed_by", equalTo(true));
        given().auth().oauth2(muter.token()).get("/api/v1/mutes").then().statusCode(200).body("id", contains(loud.id()));
        given().auth().oauth2(loud.token()).get("/api/v1/mutes").then().statusCode(200).body("$", empty());

        UserApi.act(muter, "unmute", loud).statusCode(200).body("muting", equalTo(false));
        UserApi.account(loud).body("followers_count", equalTo(1));
        List<ConsumerRecord<String, String>> changes = KafkaProbe.awaitRecords(Topics.FOLLOWS,
                record -> ("mute:" + muter.id() + ":" + loud.id()).equals(record.key()), 3, Duration.ofSeconds(20));
        assertThat(changes).extracting(record -> KafkaProbe.header(record, "ce_type")).containsOnly(MuteChanged.TYPE);
        assertThat(changes.get(0).value()).contains("\"muting\":true", "\"notifications\":false");
        assertThat(changes.get(1).value()).contains("\"muting\":true", "\"notifications\":true");
        assertThat(changes.get(2).value()).contains("\"muting\":false");
    }

    @Test
    void cannotBlockOrMuteYourselfOrUnknownAccounts() {
        UserApi.Registered self = UserApi.register("self");
        for (String action : List.of("block", "mute")) {
            UserApi.act(self, action, self).statusCode(422).spec(ErrorBody.MASTODON);
            given().auth().oauth2(self.token()).post("/api/v1/accounts/987654321/" + action)
                    .then().statusCode(404).spec(ErrorBody.MASTODON);
        }
    }
}
