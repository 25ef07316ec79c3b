package org.socialfeed.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.InfrastructureResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * post-service's visibility policy as a table: for each kind of viewer, which posts every endpoint that returns a
 * status shows. A post the viewer may not see must not leak through any of them, nor embedded in another status
 * (a repost, a quote, a reply's thread).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class VisibilityPolicyTest {

    /**
     * The posts of the table; the author of all but the last three is "author". The direct post mentions "mentioned"
     * and "blocked" (blocked after it was written).
     */
    private enum Shown {
        PUBLIC, UNLISTED, PRIVATE, DIRECT, REPOST_OF_PUBLIC, REPLY_TO_PUBLIC, QUOTE_OF_PUBLIC, BY_SUSPENDED
    }

    private static final Set<Shown> ALL_BUT_SUSPENDED = Set.of(Shown.PUBLIC, Shown.UNLISTED, Shown.PRIVATE,
            Shown.DIRECT, Shown.REPOST_OF_PUBLIC, Shown.REPLY_TO_PUBLIC, Shown.QUOTE_OF_PUBLIC);
    private static final Set<Shown> FOLLOWERS = Set.of(Shown.PUBLIC, Shown.UNLISTED, Shown.PRIVATE,
            Shown.REPOST_OF_PUBLIC, Shown.REPLY_TO_PUBLIC, Shown.QUOTE_OF_PUBLIC);
    /** Unlisted posts are looked up like public ones (they stay off public timelines only). */
    private static final Set<Shown> PUBLIC_ONLY = Set.of(Shown.PUBLIC, Shown.UNLISTED, Shown.REPOST_OF_PUBLIC,
            Shown.REPLY_TO_PUBLIC, Shown.QUOTE_OF_PUBLIC);
    /** A mentioned account that does not follow the author: the public posts and the direct post. */
    private static final Set<Shown> PUBLIC_AND_DIRECT = Set.of(Shown.PUBLIC, Shown.UNLISTED, Shown.DIRECT,
            Shown.REPOST_OF_PUBLIC, Shown.REPLY_TO_PUBLIC, Shown.QUOTE_OF_PUBLIC);
    /** The others' reply and quote stay visible, without the author's post inside them. */
    private static final Set<Shown> NONE_OF_THE_AUTHORS = Set.of(Shown.REPLY_TO_PUBLIC, Shown.QUOTE_OF_PUBLIC);

    @Test
    void everyEndpointThatReturnsAStatusShowsOnlyWhatThePolicyAllows() {
        TestAccounts.TestAccount author = TestAccounts.register("author");
        TestAccounts.TestAccount other = TestAccounts.register("other");
        TestAccounts.TestAccount suspended = TestAccounts.register("suspended");
        TestAccounts.TestAccount follower = TestAccounts.register("follower");
        TestAccounts.TestAccount stranger = TestAccounts.register("stranger");
        TestAccounts.TestAccount muter = TestAccounts.register("muter");
        TestAccounts.TestAccount blocked = TestAccounts.register("blocked");
        TestAccounts.TestAccount blocking = TestAccounts.register("blocking");
        TestAccounts.TestAccount mentioned = TestAccounts.register("mentioned");
        TestAccounts.mute(muter, author);
        TestAccounts.follow(follower, author);

        Map<Shown, String> ids = new LinkedHashMap<>();
        ids.put(Shown.PUBLIC, Statuses.create(author, "for everyone"));
        ids.put(Shown.UNLISTED, Statuses.create(author, "for everyone who looks", Map.of("visibility", "unlisted")));
        ids.put(Shown.PRIVATE, Statuses.create(author, "for followers", Map.of("visibility", "private")));
        ids.put(Shown.DIRECT, Statuses.create(author, "@" + mentioned.username() + " @" + blocked.username()
                + " for the two of you", Map.of("visibility", "direct")));
        ids.put(Shown.REPOST_OF_PUBLIC, Statuses.act(other, ids.get(Shown.PUBLIC), "reblog").statusCode(200)
                .extract().path("id"));
        ids.put(Shown.REPLY_TO_PUBLIC, Statuses.create(other, "a reply",
                Map.of("in_reply_to_id", ids.get(Shown.PUBLIC))));
        ids.put(Shown.QUOTE_OF_PUBLIC, Statuses.create(other, "a quote", Map.of("quote_id", ids.get(Shown.PUBLIC))));
        ids.put(Shown.BY_SUSPENDED, Statuses.create(suspended, "soon suspended"));
        TestAccounts.suspend(suspended);
        TestAccounts.block(author, blocked);
        TestAccounts.block(blocking, author);

        Map<String, Viewer> table = new LinkedHashMap<>();
        table.put("the author", new Viewer(author, ALL_BUT_SUSPENDED));
        table.put("a follower, not mentioned", new Viewer(follower, FOLLOWERS));
        table.put("a mentioned account that does not follow", new Viewer(mentioned, PUBLIC_AND_DIRECT));
        table.put("a stranger", new Viewer(stranger, PUBLIC_ONLY));
        table.put("an account that muted the author", new Viewer(muter, PUBLIC_ONLY));
        table.put("anonymous", new Viewer(null, PUBLIC_ONLY));
        table.put("an account the author blocks, mentioned", new Viewer(blocked, NONE_OF_THE_AUTHORS));
        table.put("an account that blocks the author", new Viewer(blocking, NONE_OF_THE_AUTHORS));

        table.forEach((who, viewer) -> {
            for (Shown post : Shown.values()) {
                boolean sees = viewer.sees().contains(post);
                String id = ids.get(post);
                String why = who + " / " + post + " / ";
                assertThat(viewer.get("/api/v1/statuses/" + id)).as(why + "GET status").isEqualTo(sees ? 200 : 404);
                for (String part : List.of("context", "history", "favourited_by", "reblogged_by")) {
                    assertThat(viewer.get("/api/v1/statuses/" + id + "/" + part)).as(why + part)
                            .isEqualTo(sees ? 200 : 404);
                }
                List<String> batch = viewer.request().queryParam("id[]", id).get("/api/v1/statuses")
                        .then().statusCode(200).extract().path("id");
                assertThat(batch).as(why + "GET statuses?id[]").isEqualTo(sees ? List.of(id) : List.of());
                String postAuthor = viewer.request().get("/api/v1/statuses/" + id).then().extract()
                        .path("account.id");
                if (sees) {
                    List<String> authorTimeline = viewer.request().get("/api/v1/accounts/" + postAuthor + "/statuses")
                            .then().statusCode(200).extract().path("id");
                    assertThat(authorTimeline).as(why + "account statuses").contains(id);
                }
            }
            // what other statuses embed of the author's public post
            boolean seesOriginal = viewer.sees().contains(Shown.PUBLIC);
            List<String> otherTimeline = viewer.request().get("/api/v1/accounts/" + other.id() + "/statuses")
                    .then().statusCode(200).extract().path("id");
            assertThat(otherTimeline.contains(ids.get(Shown.REPOST_OF_PUBLIC))).as(who + " / repost in timeline")
                    .isEqualTo(seesOriginal);
            List<String> ancestors = viewer.request().get("/api/v1/statuses/" + ids.get(Shown.REPLY_TO_PUBLIC)
                    + "/context").then().statusCode(200).extract().path("ancestors.id");
            assertThat(ancestors).as(who + " / thread of the reply")
                    .isEqualTo(seesOriginal ? List.of(ids.get(Shown.PUBLIC)) : List.of());
            String quoted = viewer.request().get("/api/v1/statuses/" + ids.get(Shown.QUOTE_OF_PUBLIC)).then()
                    .statusCode(200).extract().path("quote.id");
            assertThat(quoted).as(who + " / quote").isEqualTo(seesOriginal ? ids.get(Shown.PUBLIC) : null);
            List<String> authorTimeline = viewer.request().get("/api/v1/accounts/" + author.id() + "/statuses")
                    .then().statusCode(200).extract().path("id");
            assertThat(authorTimeline).as(who + " / author's timeline").containsExactlyInAnyOrderElementsOf(
                    viewer.sees().stream().filter(post -> post == Shown.PUBLIC || post == Shown.UNLISTED
                            || post == Shown.PRIVATE || post == Shown.DIRECT)
                            .map(ids::get).toList());
            if (viewer.account() != null) {
                assertThat(viewer.request().post("/api/v1/statuses/" + ids.get(Shown.REPOST_OF_PUBLIC)
                        + "/favourite").then().extract().statusCode()).as(who + " / like through the repost")
                        .isEqualTo(seesOriginal ? 200 : 404);
            }
        });
    }

    private record Viewer(TestAccounts.TestAccount account, Set<Shown> sees) {

        RequestSpecification request() {
            return account == null ? given() : given().auth().oauth2(account.token());
        }

        int get(String path) {
            return request().get(path).then().extract().statusCode();
        }
    }
}
