package org.socialfeed.notification;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.socialfeed.events.AccountRef;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Calls the API as a given account. */
final class Api {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Api() {
    }

    static RequestSpecification as(AccountRef account) {
        return given().auth().oauth2(TestTokens.forUser(account.id(), account.username()));
    }

    static Response notifications(AccountRef account) {
        return as(account).get("/api/v1/notifications");
    }

    /** The types of the account's notifications, newest first. */
    static List<String> types(AccountRef account) {
        return notifications(account).then().statusCode(200).extract().jsonPath().getList("type");
    }

    /** Waits until the account has {@code count} notifications and returns their types, newest first. */
    static List<String> awaitTypes(AccountRef account, int count) {
        return await().atMost(WAIT).until(() -> types(account), types -> types.size() >= count);
    }
}
