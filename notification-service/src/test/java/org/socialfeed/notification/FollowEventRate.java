package org.socialfeed.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.Topics;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.MongoCommands;
import org.socialfeed.testing.SharedInfrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a test: how many follow events per second notification-service consumes against the
 * in-process MongoDB stand-in, Kafka and Redis of the test JVM. It publishes {@code follow.rate.events} follows
 * (default 5000) among {@code follow.rate.accounts} accounts (default 1000; every follower's first follow changes its
 * profile in the replica, later ones do not), waits until the service's consumer group has read them all, and prints
 * the rate. Runs only when asked:
 * {@code mvn -o -pl notification-service -am verify -Dtest=FollowEventRate -Dfollow.rate=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
@EnabledIfSystemProperty(named = "follow.rate", matches = "true")
class FollowEventRate {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String GROUP = "notification-service";

    @Inject
    MongoCommands commands;

    @Test
    void followEventsPerSecond() throws Exception {
        int events = Integer.getInteger("follow.rate.events", 5000);
        int accountCount = Integer.getInteger("follow.rate.accounts", 1000);
        List<AccountRef> accounts = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            accounts.add(EventFeed.account("rate" + i));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafkaBootstrap()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap(),
                     ProducerConfig.LINGER_MS_CONFIG, 5,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            EventFeed.follow(accounts.get(0), accounts.get(1)); // the group commits on follows.events from here on
            awaitCaughtUp(admin); // what came before is not measured
            commands.start();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                AccountRef follower = accounts.get(ThreadLocalRandom.current().nextInt(accountCount));
                AccountRef followee = accounts.get(ThreadLocalRandom.current().nextInt(accountCount));
                String key = follower.id() + ":" + followee.id();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FOLLOWS, key,
                        JSON.writeValueAsString(new FollowCreated(follower, followee.id(), false, true, Instant.now())));
                record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventCodec.TYPE_HEADER, FollowCreated.TYPE.getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventCodec.ID_HEADER, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
            double published = (System.nanoTime() - start) / 1e9;
            awaitCaughtUp(admin);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> statements = commands.stop().stream().collect(Collectors.groupingBy(
                    statement -> statement.command() + " " + statement.collection(), TreeMap::new,
                    Collectors.counting()));
            System.out.printf("FOLLOW RATE: %d follow events among %d accounts published in %.1f s, consumed in "
                    + "%.1f s: %.0f events/s%n", events, accountCount, published, seconds, events / seconds);
            System.out.printf("FOLLOW RATE: MongoDB statements per event: %.2f, %s%n",
                    statements.values().stream().mapToLong(Long::longValue).sum() / (double) events, statements);
        }
    }

    /** Waits until the service's consumer group has committed the end of every follows.events partition. */
    private static void awaitCaughtUp(Admin admin) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.FOLLOWS))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end ->
                    committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset());
        });
    }
}
