package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.stack.ServiceApp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Records no consumer can read, written to every topic the services consume: each one ends up on the topic's
 * dead-letter topic once per consumer group that reads the topic, and the consumers go on: a follow, a post and a
 * like made afterwards flow through every service as usual.
 */
class PoisonRecordsIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    /** Each consumed topic, an event type every consumer of it handles, and how many consumer groups read it. */
    private static final Map<String, Map.Entry<String, Integer>> CONSUMED = new LinkedHashMap<>(Map.of(
            Topics.USERS, Map.entry(UserSuspended.TYPE, 3),          // post-, feed-, notification-service
            Topics.FOLLOWS, Map.entry(FollowCreated.TYPE, 3),        // post-, feed-, notification-service
            Topics.POSTS, Map.entry(PostCreated.TYPE, 3),            // user-, feed-, notification-service
            Topics.INTERACTIONS, Map.entry(PostLiked.TYPE, 2)));     // feed-, notification-service

    /** Payloads that cannot be decoded into any event record. */
    private static final List<byte[]> POISON = List.of(
            "not json {".getBytes(StandardCharsets.UTF_8),
            "[1,2,3]".getBytes(StandardCharsets.UTF_8),
            "\"just a string\"".getBytes(StandardCharsets.UTF_8),
            new byte[]{(byte) 0xFF, (byte) 0xFE, 0x00, 0x7B},
            "{\"truncated\": {\"$gt\": ".getBytes(StandardCharsets.UTF_8));

    @Test
    void poisonGoesToTheDeadLetterTopicsAndTheConsumersGoOn() {
        String bootstrap = RunningStack.get().kafkaBootstrap();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> keysByTopic = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            CONSUMED.forEach((topic, type) -> {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < POISON.size(); i++) {
                    String key = "poison-" + run + "-" + topic + "-" + i;
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, POISON.get(i));
                    record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                            .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                            .add("ce_source", "poison-test".getBytes(StandardCharsets.UTF_8))
                            .add("ce_type", type.getKey().getBytes(StandardCharsets.UTF_8))
                            .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                    keys.add(key);
                }
                keysByTopic.put(topic, keys);
            });
            producer.flush();
        }

        Map<String, Integer> copies = new HashMap<>();
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            copies.clear();
            for (String topic : CONSUMED.keySet()) {
                for (ConsumerRecord<String, String> record : readAll(bootstrap, Topics.deadLetter(topic))) {
                    if (record.key() != null && record.key().startsWith("poison-" + run)) {
                        copies.merge(record.key(), 1, Integer::sum);
                    }
                }
            }
            keysByTopic.forEach((topic, keys) -> keys.forEach(key -> assertThat(copies.getOrDefault(key, 0))
                    .as("copies of %s on %s", key, Topics.deadLetter(topic))
                    .isEqualTo(CONSUMED.get(topic).getValue())));
        });

        int flowed = validEventsStillFlow();
        new Figures("poison-records")
                .put("topics", CONSUMED.size())
                .put("poisonRecordsSent", keysByTopic.values().stream().mapToInt(List::size).sum())
                .put("deadLetterCopiesFound", copies.values().stream().mapToInt(Integer::intValue).sum())
                .put("validFlowsCheckedAfterwards", flowed)
                .put("losses", 0)
                .write();
    }

    /** A follow, a post and a like made after the poison reach every consumer. Returns the flows checked. */
    private int validEventsStillFlow() {
        Client author = Client.registerAndLogIn("after_poison");
        Client reader = Client.registerAndLogIn("reader");
        reader.on(ServiceApp.USER).post("/api/v1/accounts/" + author.id + "/follow").then().statusCode(200);
        String postId = author.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "after the poison", "visibility", "private"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        await().atMost(PROPAGATION).untilAsserted(() -> // follows.events reached post-service: followers-only post visible
                reader.on(ServiceApp.POST).get("/api/v1/statuses/" + postId).then().statusCode(200));
        reader.on(ServiceApp.POST).post("/api/v1/statuses/" + postId + "/favourite").then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> { // posts.events and follows.events reached feed-service
            List<String> home = reader.on(ServiceApp.FEED).get("/api/v1/timelines/home")
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(home).contains(postId);
        });
        await().atMost(PROPAGATION).untilAsserted(() -> { // follows and interactions reached notification-service
            List<String> types = author.on(ServiceApp.NOTIFICATION).get("/api/v1/notifications")
                    .then().statusCode(200).extract().jsonPath().getList("type");
            assertThat(types).contains("follow", "favourite");
        });
        await().atMost(PROPAGATION).untilAsserted(() -> // posts.events reached user-service
                author.on(ServiceApp.USER).get("/api/v1/accounts/" + author.id).then().statusCode(200)
                        .body("statuses_count", equalTo(1)));
        return 5;
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
