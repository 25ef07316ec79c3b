package org.socialfeed.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.Topics;
import org.socialfeed.stack.ServiceApp;
import org.socialfeed.stack.ServiceInstance;
import org.socialfeed.stack.SocialfeedStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two feed-services and two notification-services (issue 16): the stack's own instance of each and one more in the
 * same consumer group, sharing the partitions. While a writer posts, likes and follows, the added instances are
 * killed (kill -9): their partitions move to the survivors, every post reaches every follower's home timeline exactly
 * once and every notification exists exactly once, and the live streams open on the survivors deliver every event,
 * whichever instance consumed it (the instances pass them on through Redis pub/sub).
 */
class TwoInstancesOfEachServiceIT {

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final int WRITES_PER_SECOND = 8;
    private static final long KILL_AFTER_MILLIS = 10_000;
    /** Of each topic the services consume (local-stack's KafkaTopics). */
    private static final int PARTITIONS = 3;
    private static final List<String> TOPICS = List.of(Topics.FOLLOWS, Topics.POSTS, Topics.INTERACTIONS,
            Topics.USERS);
    /** The coordinator gives a killed instance's partitions away after 6 s (the broker's minimum), not 45 s. */
    private static final Map<String, String> QUICK_FAILURE_DETECTION = Map.of(
            "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "2000");

    @Test
    void killingOneOfTwoInstancesLosesNothingAndStreamsStillDeliver() throws Exception {
        SocialfeedStack stack = RunningStack.get();
        List<EventStream> streams = new ArrayList<>();
        ServiceInstance secondFeed = stack.startAnotherInstance(ServiceApp.FEED, QUICK_FAILURE_DETECTION);
        ServiceInstance secondNotification = stack.startAnotherInstance(ServiceApp.NOTIFICATION,
                QUICK_FAILURE_DETECTION);
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            for (String group : List.of(ServiceApp.FEED.module(), ServiceApp.NOTIFICATION.module())) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumersByTopic(kafka, group))
                        .as("consumers of group %s holding partitions, by topic", group)
                        .containsAllEntriesOf(everyTopicWith(2)));
            }

            Workload workload = new Workload("scaled", 6);
            List<Client> users = workload.users();
            int streamedNotifications = 0;
            // the survivors' streams: every user's notifications, and one home timeline that every post enters
            Client watcher = users.get(0);
            Map<Client, EventStream> notificationStreams = users.stream().collect(Collectors.toMap(user -> user,
                    user -> EventStream.open(stack.serviceUrl(ServiceApp.NOTIFICATION)
                            + "/api/v1/streaming/user/notification", user.token)));
            streams.addAll(notificationStreams.values());
            workload.followEveryone(watcher);
            for (int i = 0; i < users.size(); i++) { // a reader is fanned out to once active; either instance serves
                String feed = i % 2 == 0 ? stack.serviceUrl(ServiceApp.FEED) : secondFeed.url();
                users.get(i).at(feed).get("/api/v1/timelines/home").then().statusCode(200);
            }
            EventStream home = EventStream.open(stack.serviceUrl(ServiceApp.FEED) + "/api/v1/streaming/user",
                    watcher.token).awaitConnected();
            streams.add(home);

            CompletableFuture<Duration> handover = CompletableFuture.supplyAsync(() -> {
                Workload.sleep(KILL_AFTER_MILLIS);
                secondFeed.process().kill();
                secondNotification.process().kill();
                long killed = System.nanoTime();
                for (String group : List.of(ServiceApp.FEED.module(), ServiceApp.NOTIFICATION.module())) {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            consumersByTopic(kafka, group)).as("consumers of group %s after the kill", group)
                            .containsAllEntriesOf(everyTopicWith(1)));
                }
                return Duration.ofNanos(System.nanoTime() - killed);
            });
            workload.run(RUN, WRITES_PER_SECOND);
            long handoverMillis = handover.join().toMillis();

            workload.settle();
            workload.verify(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(home.ids("update"))
                    .as("posts streamed to %s", watcher.username).containsAll(workload.allPostIds()));
            for (Client user : users) {
                List<String> stored = workload.notifications(user).stream().map(n -> (String) n.get("id")).toList();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        notificationStreams.get(user).ids("notification"))
                        .as("notifications streamed to %s", user.username).doesNotHaveDuplicates().containsAll(stored));
                streamedNotifications += stored.size();
            }
            workload.figures("two-instances").put("faultsInjected", "2 (kill -9 of the second feed-service and "
                            + "notification-service)").put("partitionsHandedOverAfterMillis", handoverMillis)
                    .put("postsStreamedToOneFollower", Set.copyOf(home.ids("update")).size())
                    // a post whose record a survivor applied again after the kill is streamed again
                    .put("updatesStreamedToOneFollower", home.ids("update").size())
                    .put("notificationsStreamed", streamedNotifications).write();
        } finally {
            streams.forEach(EventStream::close);
            secondFeed.process().close();
            secondNotification.process().close();
        }
    }

    /** How many members of {@code group} hold partitions of each topic, once every partition is held by one. */
    private static Map<String, Integer> consumersByTopic(Admin kafka, String group)
            throws ExecutionException, InterruptedException {
        Collection<MemberDescription> members = kafka.describeConsumerGroups(List.of(group)).all().get().get(group)
                .members();
        Map<String, Integer> consumers = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        for (MemberDescription member : members) {
            member.assignment().topicPartitions().stream().map(TopicPartition::topic).distinct()
                    .forEach(topic -> consumers.merge(topic, 1, Integer::sum));
            member.assignment().topicPartitions().forEach(partition -> partitions.merge(partition.topic(), 1,
                    Integer::sum));
        }
        consumers.keySet().removeIf(topic -> partitions.get(topic) != PARTITIONS);
        return consumers;
    }

    private static Map<String, Integer> everyTopicWith(int consumers) {
        return TOPICS.stream().collect(Collectors.toMap(topic -> topic, topic -> consumers));
    }
}
