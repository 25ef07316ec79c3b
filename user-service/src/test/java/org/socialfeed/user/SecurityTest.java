package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Wrong passwords, bad tokens, tokens used on someone else's behalf, anonymous calls: refused, nothing changed. */
@QuarkusTest
class SecurityTest {

    @Test
    void repeatedFailedLoginsAreThrottledWhetherOrNotTheAccountExists() {
        UserApi.Registered kim = UserApi.register("kim");
        for (int i = 0; i < 5; i++) {
            UserApi.login(kim.username(), "wrong password " + i).statusCode(400).body("error", equalTo("invalid_grant"));
        }
        UserApi.login(kim.username(), UserApi.PASSWORD).statusCode(429).spec(ErrorBody.MASTODON)
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        String retryAfter = UserApi.login(kim.username(), UserApi.PASSWORD).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L + 1);

        String nobody = UserApi.uniqueUsername("nobody");
        for (int i = 0; i < 5; i++) {
            UserApi.login(nobody, "wrong password").statusCode(400);
        }
        UserApi.login(nobody, "wrong password").statusCode(429);

        UserApi.Registered lee = UserApi.register("lee"); // others are not affected
        UserApi.login(lee.username(), UserApi.PASSWORD).statusCode(200);
        given().auth().oauth2(kim.token()).get("/api/v1/accounts/verify_credentials").then().statusCode(200);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        UserApi.Registered max = UserApi.register("max");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                UserApi.login(max.username(), "wrong password").statusCode(400);
            }
            UserApi.login(max.username(), UserApi.PASSWORD).statusCode(200);
        }
    }

    @Test
    void aTamperedTokenIsRejectedAndChangesNothing() {
        UserApi.Registered mallory = UserApi.register("mallory");
        UserApi.Registered victim = UserApi.register("victim");
        String[] parts = mallory.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + mallory.id() + "\"", "\"sub\":\"" + victim.id() + "\"");
        assertThat(payload).contains(victim.id());
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        given().auth().oauth2(tampered).contentType(ContentType.JSON).body(Map.of("display_name", "pwned"))
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(401).spec(ErrorBody.MASTODON).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(tampered).post("/api/v1/accounts/" + mallory.id() + "/follow").then().statusCode(401);
        UserApi.account(victim).body("display_name", equalTo(victim.username())).body("following_count", equalTo(0));
        UserApi.account(mallory).body("followers_count", equalTo(0));
    }

    @Test
    void forgedAndExpiredTokensChangeNothing() {
        UserApi.Registered nina = UserApi.register("nina");
        UserApi.Registered oscar = UserApi.register("oscar");
        for (String bad : List.of(TestTokens.expired(nina.id(), nina.username()),
                TestTokens.forged(nina.id(), nina.username()))) {
            given().auth().oauth2(bad).post("/api/v1/accounts/" + oscar.id() + "/follow")
                    .then().statusCode(401).spec(ErrorBody.MASTODON);
            given().auth().oauth2(bad).contentType(ContentType.JSON).body(Map.of("note", "changed"))
                    .patch("/api/v1/accounts/update_credentials").then().statusCode(401);
        }
        UserApi.account(oscar).body("followers_count", equalTo(0));
        UserApi.account(nina).body("note", equalTo(""));
    }

    @Test
    void anonymousCallsToProtectedEndpointsAreRejected() {
        String someone = UserApi.register("anon_target").id();
        record Call(Method method, String path) {
        }
        for (Call call : List.of(
                new Call(Method.GET, "/api/v1/accounts/verify_credentials"),
                new Call(Method.PATCH, "/api/v1/accounts/update_credentials"),
                new Call(Method.GET, "/api/v1/accounts/relationships"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/follow"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/unfollow"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/block"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/unblock"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/mute"),
                new Call(Method.POST, "/api/v1/accounts/" + someone + "/unmute"),
                new Call(Method.GET, "/api/v1/blocks"),
                new Call(Method.GET, "/api/v1/mutes"),
                new Call(Method.GET, "/api/v1/follow_requests"),
                new Call(Method.POST, "/api/v1/follow_requests/" + someone + "/authorize"),
                new Call(Method.POST, "/api/v1/follow_requests/" + someone + "/reject"),
                new Call(Method.POST, "/api/v1/admin/accounts/" + someone + "/action"),
                new Call(Method.POST, "/api/v1/admin/accounts/" + someone + "/unsuspend"))) {
            given().contentType(ContentType.JSON).body("{}").request(call.method(), call.path())
                    .then().statusCode(401).spec(ErrorBody.MASTODON);
        }
    }

    @Test
    void aUserCannotActOnSomeoneElsesBehalf() {
        UserApi.Registered owner = UserApi.register("owner");
        UserApi.Registered asker = UserApi.register("asker");
        UserApi.Registered intruder = UserApi.register("intruder");
        UserApi.lock(owner, true);
        UserApi.act(asker, "follow", owner).statusCode(200).body("requested", equalTo(true));

        // the intruder cannot accept or reject a request addressed to the owner
        given().auth().oauth2(intruder.token()).post("/api/v1/follow_requests/" + asker.id() + "/authorize")
                .then().statusCode(404).spec(ErrorBody.MASTODON);
        given().auth().oauth2(intruder.token()).post("/api/v1/follow_requests/" + asker.id() + "/reject")
                .then().statusCode(404);
        UserApi.relationship(asker, owner).body("[0].requested", equalTo(true)).body("[0].following", equalTo(false));

        // nor use the admin API, even with a token that claims the admin role
        for (String token : List.of(intruder.token(), TestTokens.forAdmin(intruder.id(), intruder.username()))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                    .post("/api/v1/admin/accounts/" + owner.id() + "/action")
                    .then().statusCode(403).spec(ErrorBody.MASTODON);
        }
        UserApi.account(owner).statusCode(200);
        UserApi.login(owner.username(), UserApi.PASSWORD).statusCode(200);
    }

    @Test
    void aSuspendedAccountCannotLogInItsTokensStopAndItDisappears() {
        UserApi.Registered admin = UserApi.admin();
        UserApi.Registered spammer = UserApi.register("spammer");
        UserApi.Registered reader = UserApi.register("reader");
        UserApi.act(spammer, "follow", reader).statusCode(200);
        given().get("/api/v1/accounts/" + reader.id() + "/followers").then().body("id", hasItem(spammer.id()));

        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/" + spammer.id() + "/action")
                .then().statusCode(200).body("suspended", equalTo(true)).body("username", equalTo(spammer.username()));
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/" + spammer.id() + "/action").then().statusCode(200);

        given().auth().oauth2(spammer.token()).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(403).spec(ErrorBody.MASTODON);
        UserApi.act(spammer, "follow", admin).statusCode(403);
        UserApi.login(spammer.username(), UserApi.PASSWORD).statusCode(400).body("error", equalTo("invalid_grant"));
        UserApi.account(spammer).statusCode(404);
        given().queryParam("acct", spammer.username()).get("/api/v1/accounts/lookup").then().statusCode(404);
        given().get("/api/v1/accounts/" + reader.id() + "/followers").then().statusCode(200)
                .body("id", not(hasItem(spammer.id())));
        UserApi.relationship(reader, spammer).body("$", empty());

        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.USERS,
                record -> spammer.id().equals(record.key()) && UserSuspended.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                1, Duration.ofSeconds(20));
        assertThat(events.get(0).value()).contains("\"suspended\":true");

        given().auth().oauth2(admin.token()).post("/api/v1/admin/accounts/" + spammer.id() + "/unsuspend")
                .then().statusCode(200).body("suspended", equalTo(false));
        UserApi.login(spammer.username(), UserApi.PASSWORD).statusCode(200);
        given().auth().oauth2(spammer.token()).get("/api/v1/accounts/verify_credentials").then().statusCode(200);
    }

    @Test
    void theConfiguredAdminGetsTheRoleInItsToken() {
        UserApi.Registered admin = UserApi.admin();
        String payload = new String(Base64.getUrlDecoder().decode(admin.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"admin\"");
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "silence"))
                .post("/api/v1/admin/accounts/" + admin.id() + "/action").then().statusCode(422);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/" + admin.id() + "/action").then().statusCode(422);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/987654321/action").then().statusCode(404);
    }
}
