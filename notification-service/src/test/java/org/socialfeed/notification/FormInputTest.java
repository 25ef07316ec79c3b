package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.testing.Encodings;
import org.socialfeed.testing.ErrorBody;

import java.time.Instant;
import java.util.Map;

import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;

/** Markers and the notification policy read Mastodon's form parameters, urlencoded or multipart, as the same JSON. */
@QuarkusTest
class FormInputTest {

    @Test
    void markersMoveTheSameFromJsonAndForms() {
        String home = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(60)));
        String notifications = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(30)));
        AccountRef json = EventFeed.account("markjson");
        Api.as(json).contentType(ContentType.JSON).body(Map.of("home", Map.of("last_read_id", home),
                        "notifications", Map.of("last_read_id", notifications)))
                .post("/api/v1/markers").then().statusCode(200)
                .body("home.last_read_id", equalTo(home)).body("notifications.last_read_id", equalTo(notifications));
        for (Encodings form : Encodings.FORMS) {
            AccountRef user = EventFeed.account("mark" + form.name().toLowerCase());
            form.body(Api.as(user), Map.of("home[last_read_id]", home, "notifications[last_read_id]", notifications))
                    .post("/api/v1/markers").then().statusCode(200)
                    .body("home.last_read_id", equalTo(home)).body("home.version", equalTo(1))
                    .body("notifications.last_read_id", equalTo(notifications));
        }
    }

    @Test
    void badFormsGetTheJsonErrorsAndMoveNothing() {
        AccountRef user = EventFeed.account("markbad");
        String home = Long.toString(SnowflakeIds.floorAt(Instant.now().minusSeconds(60)));
        Api.as(user).formParam("home[last_read_id]", home).post("/api/v1/markers").then().statusCode(200);
        for (String bad : new String[] {"home[last_read_id]=%zz", "home[last_read_id=1", "home=1&home[x]=2",
                "home[last_read_id]=abc", "home[last_read_id]=", "", "notifications=5"}) {
            Api.as(user).contentType(ContentType.URLENC).body(bad).post("/api/v1/markers")
                    .then().statusCode(either(equalTo(400)).or(equalTo(422))).spec(ErrorBody.MASTODON);
        }
        Api.as(user).multiPart("home[last_read_id]", "1").multiPart("file", "x.bin", new byte[] {1}, "image/png")
                .post("/api/v1/markers").then().statusCode(422).spec(ErrorBody.MASTODON);
        Api.as(user).get("/api/v1/markers").then().body("home.last_read_id", equalTo(home))
                .body("home.version", equalTo(1));
    }

    @Test
    void thePolicyChangesTheSameFromJsonAndForms() {
        for (Encodings encoding : Encodings.values()) {
            AccountRef user = EventFeed.account("policy" + encoding.name().toLowerCase());
            encoding.body(Api.as(user), Map.of("for_not_following", "filter", "new_account_days", "7"))
                    .patch("/api/v2/notifications/policy").then().statusCode(200)
                    .body("for_not_following", equalTo("filter")).body("for_not_followers", equalTo("accept"));
        }
        AccountRef user = EventFeed.account("policybad");
        Api.as(user).contentType(ContentType.URLENC).body("for_not_following=sometimes")
                .patch("/api/v2/notifications/policy").then().statusCode(400).spec(ErrorBody.MASTODON);
        Api.as(user).get("/api/v2/notifications/policy").then().body("for_not_following", equalTo("accept"));
    }
}
