package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.ErrorBody;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** Malformed, mistyped and oversized input gets a 4xx error body, and changes nothing. */
@QuarkusTest
class BadInputTest {

    @Test
    void malformedJsonIsRejectedEverywhere() {
        UserApi.Registered admin = UserApi.admin();
        UserApi.Registered other = UserApi.register("malformed");
        record Call(String method, String path) {
        }
        for (Call call : List.of(new Call("POST", "/api/v1/accounts"), new Call("POST", "/oauth/token"),
                new Call("PATCH", "/api/v1/accounts/update_credentials"),
                new Call("POST", "/api/v1/accounts/" + other.id() + "/follow"),
                new Call("POST", "/api/v1/accounts/" + other.id() + "/mute"),
                new Call("POST", "/api/v1/admin/accounts/" + other.id() + "/action"))) {
            given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"oops\": ")
                    .request(call.method(), call.path())
                    .then().statusCode(400).spec(ErrorBody.MASTODON);
        }
        UserApi.account(other).statusCode(200).body("followers_count", equalTo(0));
        UserApi.relationship(admin, other).body("[0].muting", equalTo(false));
    }

    @Test
    void wrongTypesAreRejected() {
        UserApi.Registered a = UserApi.register("typed");
        UserApi.Registered b = UserApi.register("typo");
        UserApi.act(a, "follow", b, Map.of("notify", "perhaps")).statusCode(400).spec(ErrorBody.MASTODON);
        UserApi.act(a, "follow", b, Map.of("reblogs", List.of(1))).statusCode(400);
        UserApi.act(a, "mute", b, Map.of("notifications", Map.of("x", 1))).statusCode(400);
        given().auth().oauth2(a.token()).contentType(ContentType.JSON).body("[1, 2]")
                .post("/api/v1/accounts/" + b.id() + "/follow").then().statusCode(400);
        UserApi.account(b).body("followers_count", equalTo(0));
        given().contentType(ContentType.TEXT).body("username=x").post("/api/v1/accounts")
                .then().statusCode(415).spec(ErrorBody.MASTODON);
    }

    @Test
    void oversizedFieldsAndBodiesAreRejected() {
        Map<String, String> valid = Map.of("username", UserApi.uniqueUsername("big"), "email", "big@example.org",
                "password", "correct horse battery");
        for (Map.Entry<String, String> oversized : Map.of("username", "u".repeat(31),
                "email", "e".repeat(250) + "@example.org", "password", "p".repeat(129),
                "displayName", "d".repeat(31)).entrySet()) {
            Map<String, String> body = new HashMap<>(valid);
            body.put(oversized.getKey(), oversized.getValue());
            given().contentType(ContentType.JSON).body(body).post("/api/v1/accounts")
                    .then().statusCode(422).spec(ErrorBody.MASTODON)
                    .body("violations.field", org.hamcrest.Matchers.hasItem(oversized.getKey()));
        }
        Map<String, String> multibyte = new HashMap<>(valid);
        multibyte.put("password", "pässwörd-".repeat(8)); // 72 characters, more than 72 bytes: bcrypt would cut it
        given().contentType(ContentType.JSON).body(multibyte).post("/api/v1/accounts")
                .then().statusCode(422).body("detail", containsString("bytes"));
        Map<String, String> weak = new HashMap<>(valid);
        weak.put("password", valid.get("username") + "123");
        given().contentType(ContentType.JSON).body(weak).post("/api/v1/accounts")
                .then().statusCode(422).body("detail", containsString("username"));

        String huge = "{\"username\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/accounts")
                .then().statusCode(413).spec(ErrorBody.MASTODON);
        UserApi.Registered d = UserApi.register("oversized");
        given().auth().oauth2(d.token()).contentType(ContentType.JSON).body("{\"note\":\"" + "n".repeat(70 * 1024) + "\"}")
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(413).spec(ErrorBody.MASTODON);
        UserApi.account(d).body("note", equalTo(""));
        UserApi.login(valid.get("username"), "correct horse battery").statusCode(400);
    }

    @Test
    void badCursorsAndLimitsAreRejectedOrCapped() {
        UserApi.Registered c = UserApi.register("cursor");
        String followers = "/api/v1/accounts/" + c.id() + "/followers";
        for (Map<String, String> bad : List.of(Map.of("max_id", "abc"), Map.of("since_id", "-1"),
                Map.of("limit", "0"), Map.of("limit", "lots"), Map.of("min_id", "1.5"))) {
            given().queryParams(bad).get(followers).then().statusCode(400).spec(ErrorBody.MASTODON);
        }
        given().queryParam("limit", 1000).get(followers).then().statusCode(200).body("$", hasSize(lessThanOrEqualTo(40)));
        given().get("/api/v1/accounts/not-a-number/followers").then().statusCode(404)
                .spec(ErrorBody.MASTODON);
        given().auth().oauth2(c.token()).queryParam("limit", "x").get("/api/v1/blocks").then().statusCode(400);
        given().auth().oauth2(c.token()).queryParam("max_id", "x").get("/api/v1/follow_requests").then().statusCode(400);
        var tooMany = given().auth().oauth2(c.token());
        for (int i = 0; i < 41; i++) {
            tooMany = tooMany.queryParam("id[]", Integer.toString(i));
        }
        tooMany.get("/api/v1/accounts/relationships").then().statusCode(422).spec(ErrorBody.MASTODON);
        given().queryParam("acct", "a".repeat(65)).get("/api/v1/accounts/lookup").then().statusCode(422);
        given().get("/api/v1/accounts/lookup").then().statusCode(422);
    }
}
