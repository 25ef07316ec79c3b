package org.socialfeed.feed;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.feed.PolicyScenario.Played;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.feed.timeline.TimelineStore;

import java.util.List;

import static org.socialfeed.feed.PolicyScenario.awaitAsTheTableSays;

/**
 * The policy's case table through fan-out on write and through a timeline rebuild: what each path writes into the
 * reader's timeline, and what the reader then reads. The celebrity merge runs the same table in
 * {@link CelebrityMergeTest}.
 */
@QuarkusTest
class HomePolicyPathsTest {

    @Inject
    RedisConnection redis;
    @Inject
    ActiveReaders readers;
    @Inject
    TimelineStore timelines;

    @Test
    void fanOutWritesWhatThePolicyAdmits() {
        List<Played> played = new PolicyScenario(redis.sync(), readers).play(true, List.of());

        awaitAsTheTableSays(played, p -> timelines.contains(p.reader().id(), p.entryId()));
        awaitAsTheTableSays(played, p -> HomeApi.ids(p.reader()).contains(p.entryId()));
    }

    @Test
    void aRebuildKeepsWhatThePolicyAdmits() {
        List<Played> played = new PolicyScenario(redis.sync(), readers).play(false, List.of());
        played.forEach(p -> HomeApi.ids(p.reader())); // an inactive reader's first read rebuilds their timeline

        awaitAsTheTableSays(played, p -> timelines.contains(p.reader().id(), p.entryId()));
        awaitAsTheTableSays(played, p -> HomeApi.ids(p.reader()).contains(p.entryId()));
    }
}
