package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(solo.token()).post("/api/v1/accounts/987654321/follow")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/accounts/" + solo.id()).then().body("following_count", equalTo(0));
    }

    @Test
    void followingNeedsAValidTokenAndActsOnlyAsTheCaller() {
        UserApi.Registered a = UserApi.register("a");
        UserApi.Registered b = UserApi.register("b");
        given().post("/api/v1/accounts/" + b.id() + "/follow")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forged(a.id(), a.username())).post("/api/v1/accounts/" + b.id() + "/follow")
                .then().statusCode(401);
        given().get("/api/v1/accounts/" + b.id()).then().body("followers_count", equalTo(0));
        given().auth().oauth2(a.token()).queryParam("id[]", b.id()).queryParam("id[]", "junk")
                .get("/api/v1/accounts/relationships").then().statusCode(200).body("$", hasSize(1));
    }
}
