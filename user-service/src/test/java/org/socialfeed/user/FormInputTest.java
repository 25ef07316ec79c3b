package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.Encodings;
import org.socialfeed.testing.ErrorBody;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Mastodon's form parameters, urlencoded or multipart, do what the same JSON does (ProfileResourceTest). */
@QuarkusTest
class FormInputTest {

    @Test
    void registrationAndProfileChangesReadTheSameFromJsonAndForms() {
        for (Encodings form : Encodings.values()) {
            String username = UserApi.uniqueUsername("form");
            String token = form.body(given(), Map.of("username", username, "email", username + "@example.org",
                            "password", UserApi.PASSWORD, "agreement", "true", "locale", "en"))
                    .post("/api/v1/accounts").then().statusCode(200)
                    .body("access_token", notNullValue()).extract().path("access_token");
            form.body(given(), Map.of("grant_type", "password", "username", username, "password", UserApi.PASSWORD,
                            "client_id", "ignored", "scope", "read write"))
                    .post("/oauth/token").then().statusCode(200).body("access_token", notNullValue());

            Map<String, String> profile = new LinkedHashMap<>();
            profile.put("display_name", "Ada L\u00e9on");
            profile.put("note", "Engines & notes");
            profile.put("avatar", "https://cdn.example.org/ada.png");
            profile.put("bot", "false"); // Mastodon's, not modelled: ignored like an unknown JSON field
            form.body(given().auth().oauth2(token), profile).patch("/api/v1/accounts/update_credentials")
                    .then().statusCode(200).body("username", equalTo(username))
                    .body("display_name", equalTo("Ada L\u00e9on")).body("note", equalTo("Engines & notes"))
                    .body("avatar", equalTo("https://cdn.example.org/ada.png")).body("locked", equalTo(false));
        }
    }

    @Test
    void formBooleansAreRailsBooleans() {
        UserApi.Registered owner = UserApi.register("formlock");
        given().auth().oauth2(owner.token()).contentType(ContentType.URLENC).body("locked=1")
                .patch("/api/v1/accounts/update_credentials").then().statusCode(200).body("locked", equalTo(true));
        given().auth().oauth2(owner.token()).multiPart("locked", "0")
                .patch("/api/v1/accounts/update_credentials").then().statusCode(200).body("locked", equalTo(false));
    }

    @Test
    void profileFieldsSourceAndImagesComeFromRailsStyleForms() {
        for (Encodings form : Encodings.FORMS) {
            UserApi.Registered owner = UserApi.register("formfields");
            Map<String, String> profile = new LinkedHashMap<>();
            profile.put("fields_attributes[1][name]", "Pronouns");
            profile.put("fields_attributes[1][value]", "she/her");
            profile.put("fields_attributes[0][name]", "Web");
            profile.put("fields_attributes[0][value]", "https://owner.example");
            profile.put("source[privacy]", "private");
            profile.put("source[sensitive]", "1");
            profile.put("source[language]", "fr");
            profile.put("bot", "1");
            profile.put("discoverable", "0");
            profile.put("header", "https://cdn.example.org/h.png");
            profile.put("avatar", "https://cdn.example.org/a.png");
            form.body(given().auth().oauth2(owner.token()), profile).patch("/api/v1/accounts/update_credentials")
                    .then().statusCode(200)
                    .body("fields.name", contains("Web", "Pronouns"))
                    .body("fields.value", contains("https://owner.example", "she/her"))
                    .body("source.privacy", equalTo("private")).body("source.sensitive", equalTo(true))
                    .body("source.language", equalTo("fr"))
                    .body("bot", equalTo(true)).body("discoverable", equalTo(false))
                    .body("header", equalTo("https://cdn.example.org/h.png"))
                    .body("avatar", equalTo("https://cdn.example.org/a.png"));
            form.body(given().auth().oauth2(owner.token()), Map.of("fields_attributes[0][name]", "x".repeat(256)))
                    .patch("/api/v1/accounts/update_credentials").then().statusCode(422).spec(ErrorBody.MASTODON);
        }
    }

    @Test
    void aHeaderUploadIsRefusedLikeAnAvatarUpload() {
        UserApi.Registered owner = UserApi.register("formheader");
        given().auth().oauth2(owner.token()).multiPart("bot", "1")
                .multiPart("header", "h.png", "PNG".getBytes(StandardCharsets.US_ASCII), "image/png")
                .patch("/api/v1/accounts/update_credentials").then().statusCode(422).spec(ErrorBody.MASTODON)
                .body("error", org.hamcrest.Matchers.containsString("uploads are not supported"));
        UserApi.account(owner).body("bot", equalTo(false));
    }

    @Test
    void badFormsGetTheJsonErrorsAndChangeNothing() {
        UserApi.Registered owner = UserApi.register("formbad");
        for (String bad : new String[] {"locked=maybe", "note=%zz", "note[=x", "note=a&note[x]=b"}) {
            given().auth().oauth2(owner.token()).contentType(ContentType.URLENC).body(bad)
                    .patch("/api/v1/accounts/update_credentials").then().statusCode(400).spec(ErrorBody.MASTODON);
        }
        given().auth().oauth2(owner.token()).contentType(ContentType.URLENC).body("display_name=" + "y".repeat(31))
                .patch("/api/v1/accounts/update_credentials").then().statusCode(422).spec(ErrorBody.MASTODON);
        given().auth().oauth2(owner.token()).multiPart("note", "with a picture")
                .multiPart("avatar", "me.png", "PNG".getBytes(StandardCharsets.US_ASCII), "image/png")
                .patch("/api/v1/accounts/update_credentials").then().statusCode(422).spec(ErrorBody.MASTODON)
                .body("error", org.hamcrest.Matchers.containsString("uploads are not supported"));
        given().contentType(ContentType.URLENC).body("username=&password=x")
                .post("/api/v1/accounts").then().statusCode(422).spec(ErrorBody.MASTODON);
        UserApi.account(owner).body("note", equalTo("")).body("display_name", equalTo(owner.username()))
                .body("locked", equalTo(false));
    }

    @Test
    void followOptionsComeFromMultipartFormsToo() {
        UserApi.Registered reader = UserApi.register("formreader");
        UserApi.Registered writer = UserApi.register("formwriter");
        given().auth().oauth2(reader.token()).multiPart("notify", "1").multiPart("reblogs", "0")
                .post("/api/v1/accounts/" + writer.id() + "/follow")
                .then().statusCode(200).body("notifying", equalTo(true)).body("showing_reblogs", equalTo(false));
    }
}
