package org.socialfeed.feed;

import org.socialfeed.redis.RedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.FeedEvents.User;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.feed.timeline.TimelineStore;
import org.socialfeed.testing.KafkaProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialfeed.feed.FeedEvents.post;
import static org.socialfeed.feed.FeedEvents.user;

@QuarkusTest
class FanOutAndMemoryTest {

    @Inject
    FollowGraph graph;
    @Inject
    ActiveReaders readers;
    @Inject
    TimelineStore timelines;
    @Inject
    RedisConnection redis;

    @Test
    void fansOutToEveryActiveFollowerAndRebuildsTheInactiveOnRead() {
        User author = user("popular");
        List<User> followers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            followers.add(user("f" + i));
        }
        FeedEvents.followAll(followers, author);
        await().atMost(Duration.ofSeconds(60)).until(() -> graph.followerCounts(List.of(author.id())).get(author.id()) == followers.size());
        User away = followers.get(0); // has not read in a long while: fan-out skips them
        followers.subList(1, followers.size()).forEach(follower -> readers.markActive(follower.id()));

        String postId = post(author, "to everyone");
        await().atMost(Duration.ofSeconds(30)).until(() -> followers.subList(1, followers.size()).stream()
                .allMatch(follower -> timelines.contains(follower.id(), postId)));
        assertThat(timelines.contains(away.id(), postId)).isFalse();
        assertThat(HomeApi.ids(away)).containsExactly(postId); // rebuilt on read, not empty
    }

    @Test
    void aBurstOfFollowsIsAppliedInOrderAroundUnfollowsAndPoisonRecords() {
        User author = user("burst");
        String seed = post(author, "there before the follows");
        HomeApi.awaitIds(author, List.of(seed));
        List<User> followers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            followers.add(user("b" + i));
        }
        followers.forEach(follower -> readers.markActive(follower.id()));
        User leaver = followers.get(0);
        User other = user("other");
        String poisonKey = author.id() + ":poison";

        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        followers.forEach(follower -> burst.add(FeedEvents.followRecord(follower, author)));
        burst.add(FeedEvents.record(Topics.FOLLOWS, poisonKey, FollowCreated.TYPE, "{not json", "poison-1"));
        burst.add(FeedEvents.record(Topics.FOLLOWS, FollowRemoved.key(leaver.id(), author.id()), FollowRemoved.TYPE,
                FeedEvents.write(new FollowRemoved(leaver.id(), author.id(), Instant.now())), "unfollow-1"));
        burst.add(FeedEvents.followRecord(leaver, other));
        FeedEvents.sendAll(burst);

        // records of different keys may sit in different partitions: only same-key order is promised
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(graph.follows(leaver.id(), other.id())).isTrue();
            assertThat(graph.followerCounts(List.of(author.id())).get(author.id())).isEqualTo(followers.size() - 1);
            assertThat(followers.subList(1, followers.size()))
                    .allSatisfy(follower -> assertThat(timelines.contains(follower.id(), seed)).isTrue());
        });
        assertThat(graph.follows(leaver.id(), author.id())).isFalse();
        assertThat(timelines.contains(leaver.id(), seed)).isFalse(); // backfilled, then purged by the unfollow
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.deadLetter(Topics.FOLLOWS),
                record -> poisonKey.equals(record.key()), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
    }

    @Test
    void aBurstOfPostsIsFannedOutTogetherAroundRepliesDeletesAndPoisonRecords() {
        List<User> authors = List.of(user("chatty"), user("talkative"), user("wordy"));
        List<User> followers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            followers.add(user("r" + i));
        }
        authors.forEach(author -> FeedEvents.followAll(followers, author));
        await().atMost(Duration.ofSeconds(30)).until(() -> graph.followerCounts(authors.stream().map(User::id)
                .toList()).values().stream().allMatch(count -> count == followers.size()));
        followers.forEach(follower -> readers.markActive(follower.id()));

        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            User author = authors.get(i % authors.size());
            PostCreated created = i % 10 == 9 // every tenth answers the post before it, within the burst
                    ? new PostCreated(Long.toString(FeedEvents.IDS.next()), author.ref(), "reply " + i, "<p>r</p>",
                    Visibility.PUBLIC, kept.get(kept.size() - 1), authors.get((i - 1) % authors.size()).id(), null,
                    List.of(), List.of(), List.of(), Instant.now(), "", false, null)
                    : FeedEvents.postCreated(author, "burst " + i, Visibility.PUBLIC);
            burst.add(FeedEvents.record(Topics.POSTS, author.id(), PostCreated.TYPE, FeedEvents.write(created),
                    "burst-" + created.postId()));
            kept.add(created.postId());
        }
        String deleted = kept.remove(60); // by authors.get(0), deleted after its creation (same key, same partition)
        burst.add(FeedEvents.record(Topics.POSTS, authors.get(0).id(), PostDeleted.TYPE,
                FeedEvents.write(new PostDeleted(deleted, authors.get(0).id(), Instant.now())), "burst-delete"));
        String poisonKey = authors.get(1).id();
        burst.add(FeedEvents.record(Topics.POSTS, poisonKey, PostCreated.TYPE, "{\"postId\":\"not a number\"}",
                "burst-poison"));
        FeedEvents.sendAll(burst);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(followers)
                .allSatisfy(follower -> assertThat(timelines.all(follower.id())).containsAll(kept)));
        assertThat(followers).allSatisfy(follower -> assertThat(timelines.all(follower.id()))
                .doesNotContain(deleted).doesNotHaveDuplicates());
        assertThat(KafkaProbe.awaitRecords(Topics.deadLetter(Topics.POSTS), record -> poisonKey.equals(record.key()),
                1, Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    void capsTimelinesAndKeepsThemInTheCompactEncoding() {
        User author = user("prolific");
        User reader = user("devoted");
        HomeApi.ids(reader);
        FeedEvents.follow(reader, author);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.follows(reader.id(), author.id()));
        String last = null;
        for (int i = 0; i < 850; i++) {
            last = post(author, "post number " + i);
        }
        String newest = last;
        HomeApi.await(() -> timelines.contains(reader.id(), newest), true);

        String key = RedisKeys.timeline(reader.id());
        assertThat(redis.sync().zcard(key)).isEqualTo(800);
        assertThat(redis.sync().objectEncoding(key)).isIn("ziplist", "listpack");
        long compact = memoryUsage(key);
        assertThat(compact).isLessThan(24 * 800); // docs/MEASUREMENTS.md: about 21 bytes an entry

        // the same timeline in the default skiplist encoding, for comparison
        Map<String, String> before = redis.sync().configGet("zset-max-ziplist-entries");
        String copy = key + ":skiplist";
        try {
            redis.sync().configSet("zset-max-ziplist-entries", "128");
            redis.sync().zunionstore(copy, key);
            assertThat(redis.sync().objectEncoding(copy)).isEqualTo("skiplist");
            long skiplist = memoryUsage(copy);
            assertThat(skiplist).isGreaterThan(4 * compact);
            System.out.printf("800-entry timeline: %d bytes compact, %d bytes as a skiplist%n", compact, skiplist);
        } finally {
            redis.sync().configSet("zset-max-ziplist-entries", before.values().iterator().next());
            redis.sync().del(copy);
        }
        assertThat(HomeApi.ids(reader, Map.of("limit", 40))).hasSize(40).first().isEqualTo(newest);
    }

    private long memoryUsage(String key) {
        return redis.sync().memoryUsage(key);
    }
}
