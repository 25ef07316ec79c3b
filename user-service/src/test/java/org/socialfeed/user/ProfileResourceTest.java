package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.KafkaProbe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ProfileResourceTest {

    @Test
    void ownerUpdatesTheProfileAndOthersSeeIt() {
        UserApi.Registered grace = UserApi.register("grace");
        given().auth().oauth2(grace.token()).contentType(ContentType.JSON)
                .body(Map.of("display_name", "Grace H.", "note", "Compilers & ships",
                        "avatar", "https://cdn.example.org/grace.png"))
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(200)
                .body("display_name", equalTo("Grace H.")).body("note", equalTo("Compilers & ships"))
                .body("avatar", equalTo("https://cdn.example.org/grace.png"))
                .body("source.email", equalTo(grace.username() + "@example.org"));

        UserApi.account(grace).statusCode(200)
                .body("display_name", equalTo("Grace H.")).body("avatar_static", equalTo("https://cdn.example.org/grace.png"))
                .body("created_at", notNullValue()).body("followers_count", equalTo(0))
                .body("following_count", equalTo(0)).body("statuses_count", equalTo(0));
        given().queryParam("acct", grace.username().toUpperCase()).get("/api/v1/accounts/lookup")
                .then().statusCode(200).body("id", equalTo(grace.id())).body("note", equalTo("Compilers & ships"));

        ConsumerRecord<String, String> updated = KafkaProbe.awaitRecord(Topics.USERS,
                record -> grace.id().equals(record.key()) && UserUpdated.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                Duration.ofSeconds(20));
        assertThat(updated.value()).contains("Grace H.");
    }

    @Test
    void anUnchangedProfileWritesNothing() {
        UserApi.Registered henry = UserApi.register("henry");
        given().auth().oauth2(henry.token()).contentType(ContentType.JSON).body(Map.of())
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(200).body("display_name", equalTo(henry.username()));
        given().auth().oauth2(henry.token()).contentType(ContentType.JSON).body(Map.of("avatar", ""))
                .patch("/api/v1/accounts/update_credentials").then().statusCode(200);
    }

    @Test
    void rejectsBadProfileChangesAndKeepsTheProfile() {
        UserApi.Registered iris = UserApi.register("iris");
        for (Map<String, ?> bad : java.util.List.<Map<String, ?>>of(
                Map.of("note", "x".repeat(501)),
                Map.of("display_name", "y".repeat(31)),
                Map.of("avatar", "javascript:alert(1)"),
                Map.of("avatar", "https://example.org/" + "a".repeat(2048)))) {
            given().auth().oauth2(iris.token()).contentType(ContentType.JSON).body(bad)
                    .patch("/api/v1/accounts/update_credentials")
                    .then().statusCode(422).spec(ErrorBody.MASTODON);
        }
        given().auth().oauth2(iris.token()).contentType(ContentType.JSON).body("{\"locked\": \"maybe\"}")
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        given().auth().oauth2(iris.token()).contentType(ContentType.JSON).body("{\"note\": ")
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        UserApi.account(iris).body("note", equalTo("")).body("display_name", equalTo(iris.username()))
                .body("locked", equalTo(false));
    }

    @Test
    void theWholeMastodonProfileIsSetAndShownToEveryone() {
        UserApi.Registered kim = UserApi.register("kim");
        String base = "https://socialfeed.local";
        UserApi.account(kim).statusCode(200)
                .body("url", equalTo(base + "/@" + kim.username()))
                .body("uri", equalTo(base + "/users/" + kim.username()))
                .body("avatar", equalTo(base + "/avatars/original/missing.png"))
                .body("avatar_static", equalTo(base + "/avatars/original/missing.png"))
                .body("header", equalTo(base + "/headers/original/missing.png"))
                .body("header_static", equalTo(base + "/headers/original/missing.png"))
                .body("bot", equalTo(false)).body("discoverable", equalTo(true)).body("group", equalTo(false))
                .body("created_at", endsWith("T00:00:00Z")).body("last_status_at", equalTo(null))
                .body("fields", empty()).body("emojis", empty());

        given().auth().oauth2(kim.token()).contentType(ContentType.JSON)
                .body(Map.of("header", "https://cdn.example.org/kim-header.jpg", "bot", true, "discoverable", false,
                        "fields_attributes", List.of(Map.of("name", "Web", "value", "https://kim.example"),
                                Map.of("name", "", "value", " "), Map.of("name", "Pronouns", "value", "they")),
                        "source", Map.of("privacy", "unlisted", "sensitive", true, "language", "de")))
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(200)
                .body("header", equalTo("https://cdn.example.org/kim-header.jpg"))
                .body("header_static", equalTo("https://cdn.example.org/kim-header.jpg"))
                .body("bot", equalTo(true)).body("discoverable", equalTo(false))
                .body("fields.name", contains("Web", "Pronouns")).body("fields.value", contains("https://kim.example", "they"))
                .body("fields[0]", hasKey("verified_at"))
                .body("source.privacy", equalTo("unlisted")).body("source.sensitive", equalTo(true))
                .body("source.language", equalTo("de")).body("source.fields.name", contains("Web", "Pronouns"));

        UserApi.account(kim).body("header", equalTo("https://cdn.example.org/kim-header.jpg"))
                .body("bot", equalTo(true)).body("fields.name", contains("Web", "Pronouns"))
                .body("$", not(hasKey("source")));
        ConsumerRecord<String, String> updated = KafkaProbe.awaitRecord(Topics.USERS,
                record -> kim.id().equals(record.key()) && UserUpdated.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                Duration.ofSeconds(20));
        assertThat(updated.value()).contains("https://cdn.example.org/kim-header.jpg").contains("Pronouns")
                .contains("\"bot\":true");

        // Rails' hash form in JSON, in index order; "" clears the header and language
        given().auth().oauth2(kim.token()).contentType(ContentType.JSON)
                .body("{\"fields_attributes\": {\"1\": {\"name\": \"b\", \"value\": \"2\"},"
                        + " \"0\": {\"name\": \"a\", \"value\": \"1\"}}, \"header\": \"\", \"source\": {\"language\": \"\"}}")
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(200).body("fields.name", contains("a", "b"))
                .body("header", equalTo(base + "/headers/original/missing.png"))
                .body("source.language", equalTo(null)).body("source.privacy", equalTo("unlisted"));
    }

    @Test
    void rejectsBadProfileFieldsAndSourceAndKeepsTheProfile() {
        UserApi.Registered lee = UserApi.register("lee");
        Map<String, String> field = Map.of("name", "n", "value", "v");
        for (Map<String, ?> bad : List.<Map<String, ?>>of(
                Map.of("fields_attributes", List.of(field, field, field, field, field)),
                Map.of("fields_attributes", List.of(Map.of("name", "n".repeat(256), "value", "v"))),
                Map.of("fields_attributes", List.of(Map.of("name", "n", "value", "v".repeat(256)))),
                Map.of("header", "ftp://example.org/h.png"),
                Map.of("source", Map.of("privacy", "direct")),
                Map.of("source", Map.of("language", "english")))) {
            given().auth().oauth2(lee.token()).contentType(ContentType.JSON).body(bad)
                    .patch("/api/v1/accounts/update_credentials")
                    .then().statusCode(422).spec(ErrorBody.MASTODON);
        }
        given().auth().oauth2(lee.token()).contentType(ContentType.JSON)
                .body("{\"fields_attributes\": {\"first\": {\"name\": \"n\"}}}")
                .patch("/api/v1/accounts/update_credentials")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        given().auth().oauth2(lee.token()).get("/api/v1/accounts/verify_credentials").then().statusCode(200)
                .body("fields", empty()).body("header", endsWith("/headers/original/missing.png"))
                .body("source.privacy", equalTo("public")).body("source.sensitive", equalTo(false))
                .body("source.language", equalTo(null));
    }

    @Test
    void tokensNameTheirKeyAndExpire() {
        UserApi.Registered jack = UserApi.register("jack");
        String[] parts = jack.token().split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"socialfeed-1\"").contains("\"alg\":\"RS256\"");
        assertThat(payload).contains("\"sub\":\"" + jack.id() + "\"").contains("\"upn\":\"" + jack.username() + "\"")
                .contains("\"groups\":[\"user\"]").contains("\"exp\"");
        UserApi.login(jack.username(), UserApi.PASSWORD).statusCode(200).body("expires_in", equalTo(86400));
    }
}
