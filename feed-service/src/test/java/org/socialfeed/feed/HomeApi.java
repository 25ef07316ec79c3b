package org.socialfeed.feed;

import io.restassured.response.Response;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;

/** Reads home timelines through the public API. */
final class HomeApi {

    private HomeApi() {
    }

    static Response home(FeedEvents.User reader, Map<String, ?> query) {
        return given().auth().oauth2(reader.token()).queryParams(query).get("/api/v1/timelines/home");
    }

    /** The ranked home timeline (ADR 21). */
    static Response ranked(FeedEvents.User reader, Map<String, ?> query) {
        return given().auth().oauth2(reader.token()).queryParams(query).get("/api/v1/timelines/home/ranked");
    }

    /** The ids of a new ranking's first page, best first. */
    static List<String> rankedIds(FeedEvents.User reader, Map<String, ?> query) {
        return ranked(reader, query).then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    /** The ids of the first page, newest first. */
    static List<String> ids(FeedEvents.User reader) {
        return ids(reader, Map.of());
    }

    static List<String> ids(FeedEvents.User reader, Map<String, ?> query) {
        return home(reader, query).then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    /** Waits until the reader's first page is exactly {@code expected}. */
    static void awaitIds(FeedEvents.User reader, List<String> expected) {
        await(() -> ids(reader), expected);
    }

    static <T> void await(Callable<T> actual, T expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(actual, value -> value.equals(expected));
    }
}
