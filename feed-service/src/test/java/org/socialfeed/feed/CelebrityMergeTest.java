package org.socialfeed.feed;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.PolicyScenario.Played;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.feed.timeline.TimelineStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialfeed.feed.PolicyScenario.awaitAsTheTableSays;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

@QuarkusTest
@TestProfile(CelebrityMergeTest.LowThreshold.class)
class CelebrityMergeTest {

    /** A celebrity is anyone with more than 20 followers here, so the test needs no million accounts. */
    public static class LowThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("social.feed.celebrity-threshold", "20");
        }
    }

    @Inject
    FollowGraph graph;
    @Inject
    TimelineStore timelines;
    @Inject
    RedisConnection redis;
    @Inject
    ActiveReaders readers;

    @Test
    void celebrityPostsAreMergedAtReadTimeInOrder() {
        User celebrity = user("celebrity");
        User friend = user("friend");
        User reader = user("fan");
        List<User> crowd = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            crowd.add(user("crowd" + i));
        }
        crowd.add(reader);
        HomeApi.ids(reader);
        HomeApi.ids(celebrity);
        FeedEvents.followAll(crowd, celebrity);
        FeedEvents.follow(reader, friend);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.followerCounts(List.of(celebrity.id())).get(celebrity.id()) == crowd.size()
                && graph.follows(reader.id(), friend.id()));

        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newestFirst.add(0, post(friend, "friend " + i));
            newestFirst.add(0, post(celebrity, "celebrity " + i));
        }
        HomeApi.awaitIds(reader, newestFirst);

        String celebrityPost = newestFirst.get(0);
        assertThat(timelines.contains(reader.id(), celebrityPost)).isFalse(); // not fanned out
        assertThat(timelines.contains(reader.id(), newestFirst.get(1))).isTrue();
        assertThat(timelines.contains(celebrity.id(), celebrityPost)).isTrue(); // the author's own timeline has it

        // pages walk through both sources without gaps or repeats
        List<String> walked = new ArrayList<>();
        String maxId = null;
        for (int page = 0; page < 3; page++) {
            List<String> ids = maxId == null ? HomeApi.ids(reader, Map.of("limit", 2))
                    : HomeApi.ids(reader, Map.of("limit", 2, "max_id", maxId));
            walked.addAll(ids);
            maxId = ids.get(ids.size() - 1);
        }
        assertThat(walked).isEqualTo(newestFirst);
        assertThat(HomeApi.ids(reader, Map.of("min_id", newestFirst.get(3), "limit", 2)))
                .containsExactly(newestFirst.get(1), newestFirst.get(2));

        FeedEvents.delete(celebrity, celebrityPost);
        HomeApi.awaitIds(reader, newestFirst.subList(1, newestFirst.size()));
        FeedEvents.mute(reader, celebrity);
        HomeApi.await(() -> HomeApi.ids(reader).stream().noneMatch(id -> newestFirst.indexOf(id) % 2 == 0), true);
    }

    @Test
    void celebrityEntriesFollowTheSamePolicyAsFannedOutOnes() {
        List<User> crowd = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            crowd.add(user("crowd" + i));
        }
        List<Played> played = new PolicyScenario(redis.sync(), readers).play(true, crowd);

        assertThat(played).filteredOn(p -> p.policyCase().entry().by() == PolicyCases.Role.AUTHOR)
                .noneMatch(p -> timelines.contains(p.reader().id(), p.entryId())); // merged at read time only
        awaitAsTheTableSays(played, p -> HomeApi.ids(p.reader()).contains(p.entryId()));
    }
}
