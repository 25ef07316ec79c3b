package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PushNotification;
import org.socialfeed.events.Topics;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class PushDeviceTest {

    @Test
    void eachNotificationGoesToThePushTopicOncePerDevice() {
        AccountRef user = EventFeed.account("mobile");
        AccountRef other = EventFeed.account("other");
        String phone = Api.as(user).contentType(ContentType.JSON)
                .body(Map.of("platform", "fcm", "token", "fcm-token-" + user.id()))
                .post("/api/v1/push/devices").then().statusCode(200).body("platform", equalTo("fcm"))
                .extract().path("id");
        String again = Api.as(user).contentType(ContentType.JSON)
                .body(Map.of("platform", "fcm", "token", "fcm-token-" + user.id()))
                .post("/api/v1/push/devices").then().statusCode(200).extract().path("id");
        assertThat(again).isEqualTo(phone);
        String tablet = Api.as(user).contentType(ContentType.JSON)
                .body(Map.of("platform", "apns", "token", "apns-token-" + user.id()))
                .post("/api/v1/push/devices").then().statusCode(200).extract().path("id");
        Api.as(user).get("/api/v1/push/devices").then().statusCode(200).body("$", hasSize(2));
        Api.as(other).get("/api/v1/push/devices").then().statusCode(200).body("$", hasSize(0));
        Api.as(other).delete("/api/v1/push/devices/" + phone).then().statusCode(404);

        AccountRef fan = EventFeed.account("fan");
        EventFeed.follow(fan, user);
        List<ConsumerRecord<String, String>> pushes = KafkaProbe.awaitRecords(Topics.NOTIFICATIONS_PUSH,
                record -> user.id().equals(record.key()), 2, Duration.ofSeconds(30));
        assertThat(pushes).extracting(record -> KafkaProbe.header(record, "ce_type"))
                .containsOnly(PushNotification.TYPE);
        assertThat(pushes).extracting(record -> new JsonPath(record.value()).getString("deviceId"))
                .containsExactlyInAnyOrder(phone, tablet);
        JsonPath first = new JsonPath(pushes.get(0).value());
        assertThat(first.getString("type")).isEqualTo("follow");
        assertThat(first.getString("body")).isEqualTo(fan.displayName() + " followed you");
        assertThat(first.getString("notificationId")).isEqualTo(Api.notifications(user).jsonPath().getString("[0].id"));

        Api.as(user).delete("/api/v1/push/devices/" + tablet).then().statusCode(200);
        Api.as(user).get("/api/v1/push/devices").then().body("$", hasSize(1));
        // the deleted device is no longer a target: the next notification is pushed to the phone alone
        EventFeed.follow(EventFeed.account("later"), user);
        List<ConsumerRecord<String, String>> afterDeletion = KafkaProbe.awaitRecords(Topics.NOTIFICATIONS_PUSH,
                record -> user.id().equals(record.key()), 3, Duration.ofSeconds(30));
        assertThat(afterDeletion.subList(2, afterDeletion.size()))
                .extracting(record -> new JsonPath(record.value()).getString("deviceId")).containsExactly(phone);
    }

    @Test
    void badRegistrationsAreRefused() {
        AccountRef user = EventFeed.account("typo");
        Api.as(user).contentType(ContentType.JSON).body(Map.of("platform", "pager", "token", "t"))
                .post("/api/v1/push/devices").then().statusCode(422).spec(ErrorBody.MASTODON);
        Api.as(user).contentType(ContentType.JSON).body(Map.of("platform", "fcm"))
                .post("/api/v1/push/devices").then().statusCode(422);
        Api.as(user).contentType(ContentType.JSON).body("[1,2]")
                .post("/api/v1/push/devices").then().statusCode(400);
        Api.as(user).get("/api/v1/push/devices").then().body("$", hasSize(0));
    }
}
