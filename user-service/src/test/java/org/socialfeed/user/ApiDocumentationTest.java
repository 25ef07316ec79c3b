package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ApiDocumentationTest {

    @Test
    void openApiDescribesEveryEndpoint() {
        var openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : new String[]{"/api/v1/accounts", "/oauth/token", "/api/v1/accounts/verify_credentials",
                "/api/v1/accounts/update_credentials", "/api/v1/accounts/lookup", "/api/v1/accounts/{id}",
                "/api/v1/accounts/{id}/followers", "/api/v1/accounts/{id}/following",
                "/api/v1/accounts/relationships", "/api/v1/accounts/{id}/follow", "/api/v1/accounts/{id}/unfollow",
                "/api/v1/accounts/{id}/block", "/api/v1/accounts/{id}/unblock", "/api/v1/accounts/{id}/mute",
                "/api/v1/accounts/{id}/unmute", "/api/v1/blocks", "/api/v1/mutes", "/api/v1/follow_requests",
                "/api/v1/follow_requests/{id}/authorize", "/api/v1/follow_requests/{id}/reject",
                "/api/v1/admin/accounts/{id}/action", "/api/v1/admin/accounts/{id}/unsuspend", "/api/v1/instance",
                "/api/v2/instance", "/api/v1/instance/rules"}) {
            openapi.body(containsString("\"" + path + "\""));
        }
    }

    @Test
    void readinessChecksTheStores() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("MongoDB")).body(containsString("Kafka"));
    }
}
