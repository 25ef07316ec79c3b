package org.socialfeed.user;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class AccountResourceTest {

    @Test
    void registersLogsInAndPublishesTheEvent() {
        UserApi.Registered alice = UserApi.register("alice");

        given().auth().oauth2(alice.token()).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(200)
                .body("username", equalTo(alice.username()))
                .body("acct", equalTo(alice.username()))
                .body("followers_count", equalTo(0))
                .body("source.email", equalTo(alice.username() + "@example.org"))
                .body("passwordHash", nullValue());

        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", alice.username().toUpperCase())
                .formParam("password", "correct horse battery")
                .post("/oauth/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer")).body("access_token", notNullValue());

        ConsumerRecord<String, String> event = KafkaProbe.awaitRecord(Topics.USERS,
                record -> alice.id().equals(record.key()), Duration.ofSeconds(20));
        assertThat(KafkaProbe.header(event, "ce_type")).isEqualTo(UserRegistered.TYPE);
        assertThat(KafkaProbe.header(event, "ce_source")).isEqualTo("user-service");
        assertThat(event.value()).contains(alice.username());
    }

    @Test
    void publicProfilesDoNotShowPrivateFields() {
        UserApi.Registered bob = UserApi.register("bob");
        given().get("/api/v1/accounts/" + bob.id()).then().statusCode(200)
                .body("username", equalTo(bob.username())).body("source", nullValue());
        given().queryParam("acct", "@" + bob.username()).get("/api/v1/accounts/lookup")
                .then().statusCode(200).body("id", equalTo(bob.id()));
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        UserApi.Registered carol = UserApi.register("carol");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", carol.username().toUpperCase(), "email", "other-" + carol.username() + "@example.org",
                        "password", "correct horse battery"))
                .post("/api/v1/accounts")
                .then().statusCode(422).spec(ErrorBody.MASTODON)
                .body("detail", containsString("Username has already been taken"));
    }

    @Test
    void rejectsBadRegistrationsWithProblemDetails() {
        given().contentType(ContentType.JSON).body("{\"username\": ").post("/api/v1/accounts")
                .then().statusCode(400).spec(ErrorBody.MASTODON)
                .body("detail", containsString("Malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"username\": 42, \"email\": [], \"password\": \"x\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "no spaces allowed", "email", "not-an-email", "password", "short"))
                .post("/api/v1/accounts")
                .then().statusCode(422).spec(ErrorBody.MASTODON)
                .body("violations.field", org.hamcrest.Matchers.hasItems("username", "email", "password"));
        given().contentType(ContentType.JSON).post("/api/v1/accounts")
                .then().statusCode(422).spec(ErrorBody.MASTODON);
    }

    @Test
    void loginFailuresDoNotRevealWhetherTheAccountExists() {
        UserApi.Registered dave = UserApi.register("dave");
        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "password", "username", dave.username(), "password", "wrong password"))
                .post("/oauth/token").then().statusCode(400).spec(ErrorBody.MASTODON)
                .body("error", equalTo("invalid_grant")).extract().path("detail");
        String unknownUser = given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "password", "username", "nobody_" + dave.username(), "password", "wrong password"))
                .post("/oauth/token").then().statusCode(400).extract().path("detail");
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void rejectsMissingForgedAndExpiredTokens() {
        UserApi.Registered erin = UserApi.register("erin");
        given().get("/api/v1/accounts/verify_credentials")
                .then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.forged(erin.id(), erin.username())).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.expired(erin.id(), erin.username())).get("/api/v1/accounts/verify_credentials")
                .then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2("not.a.jwt").get("/api/v1/accounts/verify_credentials")
                .then().statusCode(401).spec(ErrorBody.MASTODON);
    }

    @Test
    void unknownAccountsAreNotFound() {
        given().get("/api/v1/accounts/123456789").then().statusCode(404).spec(ErrorBody.MASTODON);
        given().get("/api/v1/accounts/not-a-number").then().statusCode(404).spec(ErrorBody.MASTODON);
    }
}
