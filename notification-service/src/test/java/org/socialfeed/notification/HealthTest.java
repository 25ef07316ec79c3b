package org.socialfeed.notification;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class HealthTest {

    @Test
    void readinessChecksRedisKafkaAndMongo() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/webhooks"));
    }
}
