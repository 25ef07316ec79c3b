package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ranked home timeline (issue 18, ADR 21) through the running services: a reader who keeps liking one author's
 * posts sees that author's posts first, newer posts of another followed account after them, and the chronological
 * timeline stays newest first.
 */
class RankedHomeTimelineIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    @Test
    void aReaderWhoKeepsLikingOneAuthorSeesThatAuthorsPostsFirst() {
        Client favourite = Client.registerAndLogIn("favourite");
        Client other = Client.registerAndLogIn("other");
        Client reader = Client.registerAndLogIn("reader");
        reader.onApi().get("/api/v1/timelines/home").then().statusCode(200); // reading keeps the timeline maintained
        for (Client followee : List.of(favourite, other)) {
            reader.onApi().post("/api/v1/accounts/" + followee.id + "/follow").then().statusCode(200)
                    .body("following", equalTo(true));
        }
        List<String> favourites = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            favourites.add(post(favourite, "favourite " + i));
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(post(other, "other " + i)); // newer than every favourite post
        }
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(home(reader, "/api/v1/timelines/home")
                .getList("id", String.class)).hasSize(6).startsWith(others.get(2)));

        for (String postId : favourites) {
            reader.onApi().post("/api/v1/statuses/" + postId + "/favourite").then().statusCode(200)
                    .body("favourited", equalTo(true));
        }

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonPath ranked = home(reader, "/api/v1/timelines/home/ranked");
            assertThat(ranked.getList("id", String.class).subList(0, 3))
                    .containsExactlyInAnyOrderElementsOf(favourites);
            assertThat(ranked.getString("[0].socialfeed_ranking.reason")).isEqualTo("author_affinity");
            assertThat(ranked.getString("[0].socialfeed_ranking.explanation"))
                    .isEqualTo("You often interact with @" + favourite.username);
        });
        assertThat(home(reader, "/api/v1/timelines/home").getList("id", String.class))
                .startsWith(others.get(2), others.get(1), others.get(0));
    }

    private static String post(Client author, String text) {
        return author.onApi().contentType(ContentType.JSON).body(Map.of("status", text, "visibility", "public"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
    }

    private static JsonPath home(Client reader, String path) {
        return reader.onApi().get(path).then().statusCode(200).extract().jsonPath();
    }
}
