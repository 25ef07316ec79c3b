package org.socialfeed.user;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import org.socialfeed.events.Topics;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers and logs in test users, and drives the API as they would. */
final class UserApi {

    static final String PASSWORD = "correct horse battery";

    record Registered(String id, String username, String token) {
    }

    private UserApi() {
    }

    static String uniqueUsername(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static Registered register(String prefix) {
        return registerExactly(uniqueUsername(prefix));
    }

    static Registered registerExactly(String username) {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.org", "password", PASSWORD))
                .post("/api/v1/accounts")
                .then().statusCode(200).extract().path("access_token");
        String id = given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200).extract().path("id");
        return new Registered(id, username, token);
    }

    /** The configured admin (%test.social.admin.usernames), registered on first use. */
    static Registered admin() {
        return registeredOnce("boss_admin");
    }

    /** The account of a username the configuration names, registered on first use. */
    static synchronized Registered registeredOnce(String username) {
        String token = login(username, PASSWORD).extract().path("access_token");
        if (token == null) {
            return registerExactly(username);
        }
        String id = given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200).extract().path("id");
        return new Registered(id, username, token);
    }

    static ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "password", "username", username, "password", password))
                .post("/oauth/token").then();
    }

    static ValidatableResponse act(Registered actor, String action, Registered target) {
        return given().auth().oauth2(actor.token()).post("/api/v1/accounts/" + target.id() + "/" + action).then();
    }

    static ValidatableResponse act(Registered actor, String action, Registered target, Map<String, ?> options) {
        return given().auth().oauth2(actor.token()).contentType(ContentType.JSON).body(options)
                .post("/api/v1/accounts/" + target.id() + "/" + action).then();
    }

    static ValidatableResponse account(Registered account) {
        return given().get("/api/v1/accounts/" + account.id()).then();
    }

    static ValidatableResponse relationship(Registered from, Registered to) {
        return given().auth().oauth2(from.token()).queryParam("id[]", to.id())
                .get("/api/v1/accounts/relationships").then().statusCode(200);
    }

    /** The ce_type of the first {@code count} records of {@code key} on follows.events, waiting for them. */
    static List<String> followEventTypes(String key, int count) {
        return KafkaProbe.awaitRecords(Topics.FOLLOWS, record -> key.equals(record.key()), count, Duration.ofSeconds(20))
                .stream().limit(count).map(record -> KafkaProbe.header(record, "ce_type")).toList();
    }

    static ValidatableResponse lock(Registered account, boolean locked) {
        return given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(Map.of("locked", locked))
                .patch("/api/v1/accounts/update_credentials").then().statusCode(200);
    }
}
