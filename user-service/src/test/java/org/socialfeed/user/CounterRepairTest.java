package org.socialfeed.user;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.Topics;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.events.UserEventOutbox;
import org.socialfeed.user.graph.FollowRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A follow whose counter update was cut off by a crash is finished by the repair job, and counted once. */
@QuarkusTest
class CounterRepairTest {

    @Inject
    FollowRepository follows;
    @Inject
    AccountRepository accounts;
    @Inject
    UserEventOutbox events;

    @Test
    void aCounterUpdateLeftPendingIsFinishedOnce() {
        UserApi.Registered follower = UserApi.register("crashy");
        UserApi.Registered followee = UserApi.register("patient");
        long followerId = Long.parseLong(follower.id());
        long followeeId = Long.parseLong(followee.id());
        String key = FollowRepository.key(followerId, followeeId);
        // the state write with its event and pending counter operation, then the "crash": nothing else runs
        FollowRepository.Change change = follows.transition(followerId, followeeId, Set.of(FollowRepository.REMOVED),
                FollowRepository.ACCEPTED, null, events.event(Topics.FOLLOWS, key, FollowCreated.TYPE,
                        new FollowCreated(new org.socialfeed.events.AccountRef(follower.id(), follower.username(),
                                follower.username()), followee.id(), false, true, Instant.now())), +1);
        assertThat(change.changed()).isTrue();
        given().get("/api/v1/accounts/" + followee.id()).then().body("followers_count", equalTo(0));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().get("/api/v1/accounts/" + followee.id()).then().body("followers_count", equalTo(1));
            given().get("/api/v1/accounts/" + follower.id()).then().body("following_count", equalTo(1));
        });
        // applying the same operation again (a second repair racing the first) changes nothing
        assertThat(accounts.applyCount(followeeId, change.countOperation(), AccountRepository.FOLLOWERS_COUNT, 1))
                .isFalse();
        given().get("/api/v1/accounts/" + followee.id()).then().body("followers_count", equalTo(1));
        // and the follow's event was published by the outbox sweep
        assertThat(UserApi.followEventTypes(key, 1)).containsExactly(FollowCreated.TYPE);
    }
}
