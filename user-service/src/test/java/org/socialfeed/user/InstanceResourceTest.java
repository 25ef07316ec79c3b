package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class InstanceResourceTest {

    /** %test.social.instance.contact-username */
    private static final String CONTACT = "instance_contact";

    @Test
    void v2DescribesThisServerToAnyone() {
        UserApi.Registered contact = UserApi.registeredOnce(CONTACT);
        given().get("/api/v2/instance").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=60"))
                .body("domain", equalTo("socialfeed.local"))
                .body("version", startsWith("4.3.0 (compatible; socialfeed "))
                .body("configuration.urls.streaming", equalTo("wss://socialfeed.local"))
                .body("configuration.statuses.max_characters", equalTo(500))
                .body("configuration.statuses.max_media_attachments", equalTo(4))
                .body("configuration.statuses", not(hasKey("characters_reserved_per_url")))
                .body("configuration.accounts.max_featured_tags", equalTo(0))
                .body("configuration", not(hasKey("polls")))
                .body("configuration.translation.enabled", equalTo(false))
                .body("registrations.enabled", equalTo(true)).body("registrations.approval_required", equalTo(false))
                .body("contact.email", equalTo("admins@socialfeed.test"))
                .body("contact.account.id", equalTo(contact.id()))
                .body("contact.account.username", equalTo(CONTACT))
                .body("rules.id", contains("1", "2"))
                .body("rules[0].text", equalTo("Be kind, and assume good faith."))
                .body("rules[0].hint", equalTo("Disagree with ideas, not with people."))
                .body("rules[1].hint", equalTo(""));
        // a token is not needed, and a bad one changes nothing
        given().auth().oauth2("not-a-token").get("/api/v2/instance").then().statusCode(200);
    }

    @Test
    void v1HasTheOlderShapeWithStats() {
        UserApi.Registered contact = UserApi.registeredOnce(CONTACT);
        given().get("/api/v1/instance").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=60"))
                .body("uri", equalTo("socialfeed.local"))
                .body("short_description", equalTo(given().get("/api/v1/instance").path("description")))
                .body("email", equalTo("admins@socialfeed.test"))
                .body("version", startsWith("4.3.0 (compatible; socialfeed "))
                .body("urls.streaming_api", equalTo("wss://socialfeed.local"))
                .body("stats.user_count", greaterThanOrEqualTo(1))
                .body("stats.domain_count", equalTo(0))
                .body("registrations", equalTo(true)).body("approval_required", equalTo(false))
                .body("invites_enabled", equalTo(false))
                .body("configuration.statuses.max_characters", equalTo(500))
                .body("contact_account.id", equalTo(contact.id()))
                .body("rules[1].text", equalTo("No spam."));
        given().get("/api/v1/instance/rules").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=60"))
                .body("id", contains("1", "2")).body("[1].text", equalTo("No spam."));
    }

    @Test
    void aSuspendedContactIsNotShown() {
        UserApi.Registered contact = UserApi.registeredOnce(CONTACT);
        UserApi.Registered admin = UserApi.admin();
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/" + contact.id() + "/action").then().statusCode(200);
        try {
            given().get("/api/v2/instance").then().statusCode(200).body("contact.account", nullValue());
            given().get("/api/v1/instance").then().statusCode(200).body("contact_account", nullValue());
        } finally {
            given().auth().oauth2(admin.token()).post("/api/v1/admin/accounts/" + contact.id() + "/unsuspend")
                    .then().statusCode(200);
        }
    }
}
