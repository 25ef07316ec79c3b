package org.socialfeed.feed;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.graph.FollowGraph;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

@QuarkusTest
class RecoveryTest {

    @Inject
    RedisConnection redis;
    @Inject
    FollowGraph graph;

    @Test
    void aFullRedisFlushHealsIntoTheSameTimelines() {
        User author = user("survivor");
        User booster = user("booster");
        User reader = user("patient");
        User unfollowed = user("former");
        User stranger = user("stranger");
        HomeApi.ids(reader);
        FeedEvents.follow(reader, author);
        FeedEvents.follow(reader, booster);
        FeedEvents.follow(reader, unfollowed);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.follows(reader.id(), unfollowed.id()));
        String first = post(author, "first");
        String gone = post(author, "deleted before the flush");
        String original = post(stranger, "by someone the reader does not follow");
        String repost = FeedEvents.repost(booster, original, stranger);
        post(unfollowed, "by someone unfollowed later");
        String last = post(author, "last");
        FeedEvents.like(reader, first, author);
        FeedEvents.delete(author, gone);
        FeedEvents.unfollow(reader, unfollowed);
        List<String> expected = List.of(last, repost, first);
        HomeApi.awaitIds(reader, expected);
        HomeApi.await(() -> HomeApi.home(reader, Map.of()).jsonPath().getBoolean("[2].favourited"), true);

        redis.sync().flushall();

        // the first read after the flush waits for the replay and rebuilds: never a wrongly empty timeline
        assertThat(HomeApi.ids(reader)).isEqualTo(expected);
        HomeApi.home(reader, Map.of()).then().statusCode(200)
                .body("[1].reblog.id", equalTo(original))
                .body("[2].favourited", equalTo(true))
                .body("[2].favourites_count", equalTo(1));
        assertThat(graph.follows(reader.id(), author.id())).isTrue();
        assertThat(graph.follows(reader.id(), unfollowed.id())).isFalse();

        // fan-out goes on afterwards
        String after = post(author, "after the flush");
        HomeApi.awaitIds(reader, List.of(after, last, repost, first));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
