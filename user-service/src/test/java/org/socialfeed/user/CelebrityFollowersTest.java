package org.socialfeed.user;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.graph.FollowRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * An account with 100,000 followers: the follow documents are imported in bulk through the repository, then the
 * list is paged through the API and the counter read from the account document. The list reads only follow
 * documents (by followee and follow id) and then the accounts of one page by primary key, so the test creates
 * account documents only for the followers on the pages it reads: importing 100,000 accounts into the test's
 * MongoDB-protocol server would take most of a minute and test nothing more.
 */
@QuarkusTest
class CelebrityFollowersTest {

    private static final Logger LOG = Logger.getLogger(CelebrityFollowersTest.class);
    private static final int FOLLOWERS = 100_000;
    private static final int BATCH = 10_000;
    private static final int PAGE = 40;
    private static final int MIDDLE = FOLLOWERS / 2;

    @Inject
    AccountRepository accounts;
    @Inject
    FollowRepository follows;

    @Test
    void aHundredThousandFollowersPageCorrectlyAndAreCountedWithoutAScan() {
        UserApi.Registered star = UserApi.register("celebrity");
        long starId = Long.parseLong(star.id());
        long started = System.currentTimeMillis();
        SnowflakeIds ids = new SnowflakeIds();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long[] followerIds = new long[FOLLOWERS];
        long[] seqs = new long[FOLLOWERS]; // the follows' ids, in the order they are made: seqs[i] < seqs[i + 1]
        for (int start = 0; start < FOLLOWERS; start += BATCH) {
            List<Document> accountBatch = new ArrayList<>(BATCH);
            List<Document> followBatch = new ArrayList<>(BATCH);
            for (int i = start; i < start + BATCH; i++) {
                followerIds[i] = ids.next();
                seqs[i] = ids.next();
                String username = "fan" + tag + "_" + i;
                if (onAPageRead(i)) {
                    accountBatch.add(AccountRepository.toDocument(new Account(followerIds[i], username,
                            username + "@example.org", "imported", username, "", null, false, Set.of("user"), false,
                            now, 0, 1, 0, null, false, true, List.of(), Account.PostingDefaults.MASTODON, null)));
                }
                followBatch.add(FollowRepository.acceptedFollow(followerIds[i], starId, seqs[i]));
            }
            if (!accountBatch.isEmpty()) {
                accounts.collection().insertMany(accountBatch, new InsertManyOptions().ordered(false));
            }
            follows.collection().insertMany(followBatch, new InsertManyOptions().ordered(false));
        }
        LOG.infof("Imported %d followers in %d ms", FOLLOWERS, System.currentTimeMillis() - started);
        // an import sets the counter once, as the follows' state changes would have one by one
        accounts.applyCount(starId, "import-" + tag, AccountRepository.FOLLOWERS_COUNT, FOLLOWERS);

        started = System.currentTimeMillis();
        String followers = "/api/v1/accounts/" + star.id() + "/followers";
        // first page: the newest 40 follows
        ExtractableResponse<Response> first = given().queryParam("limit", PAGE).get(followers)
                .then().statusCode(200).body("$", hasSize(PAGE))
                .body("[0].id", equalTo(Long.toString(followerIds[FOLLOWERS - 1])))
                .body("[39].id", equalTo(Long.toString(followerIds[FOLLOWERS - PAGE])))
                .body("[0].following_count", equalTo(1))
                .header("Link", containsString("max_id=" + seqs[FOLLOWERS - PAGE] + ">; rel=\"next\""))
                .header("Link", containsString("min_id=" + seqs[FOLLOWERS - 1] + ">; rel=\"prev\"")).extract();
        given().get(FollowResourceTest.next(first.header("Link"))).then().statusCode(200).body("$", hasSize(PAGE))
                .body("[0].id", equalTo(Long.toString(followerIds[FOLLOWERS - PAGE - 1])));

        // a middle page, reached by its cursor, and the page above it through its prev link
        int middle = MIDDLE;
        ExtractableResponse<Response> middlePage = given().queryParam("limit", PAGE).queryParam("max_id", seqs[middle])
                .get(followers).then().statusCode(200).body("$", hasSize(PAGE))
                .body("[0].id", equalTo(Long.toString(followerIds[middle - 1])))
                .body("[39].id", equalTo(Long.toString(followerIds[middle - PAGE])))
                .header("Link", containsString("max_id=" + seqs[middle - PAGE] + ">; rel=\"next\"")).extract();
        given().get(FollowResourceTest.prev(middlePage.header("Link"))).then().statusCode(200).body("$", hasSize(PAGE))
                .body("[0].id", equalTo(Long.toString(followerIds[middle + PAGE - 1])))
                .body("[39].id", equalTo(Long.toString(followerIds[middle])));

        // the last page (100,000 = 2,500 pages of 40) ends with the oldest follower; after it, empty and no Link
        ExtractableResponse<Response> last = given().queryParam("limit", PAGE).queryParam("max_id", seqs[PAGE])
                .get(followers).then().statusCode(200).body("$", hasSize(PAGE))
                .body("[0].id", equalTo(Long.toString(followerIds[PAGE - 1])))
                .body("[39].id", equalTo(Long.toString(followerIds[0]))).extract();
        given().get(FollowResourceTest.next(last.header("Link"))).then().statusCode(200).body("$", empty())
                .header("Link", nullValue());

        LOG.infof("Paged the followers in %d ms", System.currentTimeMillis() - started);
        // the counter is a field of the account document: reading it scans nothing
        given().get("/api/v1/accounts/" + star.id()).then().body("followers_count", equalTo(FOLLOWERS));
        assertThat(accounts.collection().find(Filters.eq("_id", starId)).first().get("followersCount", Number.class)
                .longValue()).isEqualTo(FOLLOWERS);
        assertThat(follows.collection().countDocuments(Filters.and(Filters.eq("followeeId", starId),
                Filters.eq("state", FollowRepository.ACCEPTED)))).isEqualTo(FOLLOWERS);

        // and it keeps moving with real follows
        UserApi.Registered newcomer = UserApi.register("newcomer");
        UserApi.act(newcomer, "follow", star).statusCode(200);
        given().get("/api/v1/accounts/" + star.id()).then().body("followers_count", equalTo(FOLLOWERS + 1));
        given().queryParam("limit", 1).get(followers).then().body("[0].id", equalTo(newcomer.id()));
        UserApi.act(newcomer, "unfollow", star).statusCode(200);
        given().get("/api/v1/accounts/" + star.id()).then().body("followers_count", equalTo(FOLLOWERS));
    }

    /** The first two pages, the middle page and the one above it, and the last page. */
    private static boolean onAPageRead(int i) {
        return i >= FOLLOWERS - 2 * PAGE || (i >= MIDDLE - PAGE && i < MIDDLE + PAGE) || i < PAGE;
    }
}
