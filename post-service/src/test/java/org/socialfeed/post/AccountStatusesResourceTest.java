package org.socialfeed.post;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.ErrorBody;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountStatusesResourceTest {

    @Test
    void pagesNewestFirstWithLinkHeaders() {
        TestAccounts.TestAccount author = TestAccounts.register("prolific");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, Statuses.create(author, "post " + i));
        }
        String path = "/api/v1/accounts/" + author.id() + "/statuses";

        String link = given().queryParam("limit", 2).get(path).then().statusCode(200)
                .body("id", equalTo(ids.subList(0, 2)))
                .extract().header("Link");
        assertThat(link).contains("max_id=" + ids.get(1) + ">; rel=\"next\"")
                .contains("min_id=" + ids.get(0) + ">; rel=\"prev\"");
        given().queryParam("limit", 2).queryParam("max_id", ids.get(1)).get(path).then()
                .body("id", equalTo(ids.subList(2, 4)));
        given().queryParam("max_id", ids.get(3)).get(path).then().body("id", equalTo(ids.subList(4, 5)));
        given().queryParam("since_id", ids.get(2)).get(path).then().body("id", equalTo(ids.subList(0, 2)));
        given().queryParam("min_id", ids.get(4)).queryParam("limit", 2).get(path).then()
                .body("id", equalTo(ids.subList(2, 4)));
        given().queryParam("max_id", ids.get(4)).get(path).then().body("$", hasSize(0)).header("Link", nullValue());
        given().queryParam("limit", 1000).get(path).then().statusCode(200).body("$", hasSize(5));
    }

    @Test
    void rejectsBadCursors() {
        TestAccounts.TestAccount author = TestAccounts.unannounced("cursor");
        String path = "/api/v1/accounts/" + author.id() + "/statuses";
        given().queryParam("max_id", "yesterday").get(path).then().statusCode(400)
                .spec(ErrorBody.MASTODON).body("detail", containsString("max_id"));
        given().queryParam("limit", "many").get(path).then().statusCode(400);
        given().queryParam("limit", 0).get(path).then().statusCode(400);
        given().queryParam("since_id", "-5").get(path).then().statusCode(400);
    }

    @Test
    void repliesAndRepostsCanBeLeftOut() {
        TestAccounts.TestAccount author = TestAccounts.register("mixed");
        TestAccounts.TestAccount other = TestAccounts.register("neighbour");
        String theirs = Statuses.create(other, "neighbour's post");
        String own = Statuses.create(author, "own post");
        String reply = Statuses.create(author, "a reply", java.util.Map.of("in_reply_to_id", theirs));
        String repost = Statuses.act(author, theirs, "reblog").statusCode(200).extract().path("id");
        String path = "/api/v1/accounts/" + author.id() + "/statuses";

        given().get(path).then().body("id", equalTo(List.of(repost, reply, own)));
        given().queryParam("exclude_replies", true).get(path).then().body("id", equalTo(List.of(repost, own)));
        given().queryParam("exclude_reblogs", true).get(path).then().body("id", equalTo(List.of(reply, own)));
    }
}
