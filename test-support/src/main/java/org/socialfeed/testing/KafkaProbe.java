package org.socialfeed.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.socialfeed.support.events.EventCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads and writes the shared broker's topics directly, to check what a service published or to feed it events. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /** Waits until a record on {@code topic} matches, reading the topic from the beginning. */
    public static ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             Duration timeout) {
        List<ConsumerRecord<String, String>> found = awaitRecords(topic, match, 1, timeout);
        return found.get(0);
    }

    public static List<ConsumerRecord<String, String>> awaitRecords(String topic,
                                                                   Predicate<ConsumerRecord<String, String>> match,
                                                                   int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("Expected " + count + " matching records on " + topic + " within "
                    + timeout.toSeconds() + " s, found " + found.size());
        }
        return found;
    }

    /**
     * Reads {@code topic} from the beginning and returns every record that matches, in order, up to and including
     * the first matching record that {@code last} accepts: for checking what came before a known final record
     * (duplicates, ordering). Use a key in {@code match} so all records come from one partition.
     */
    public static List<ConsumerRecord<String, String>> awaitRecordsUntil(String topic,
                                                                        Predicate<ConsumerRecord<String, String>> match,
                                                                        Predicate<ConsumerRecord<String, String>> last,
                                                                        Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                        if (last.test(record)) {
                            return found;
                        }
                    }
                }
            }
        }
        throw new AssertionError("No final record on " + topic + " within " + timeout.toSeconds() + " s; "
                + found.size() + " matching records before it");
    }

    /** Sends a raw record with CloudEvents headers (or none, to test poison handling). */
    public static void send(String topic, String key, String ceType, String payload) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            if (ceType != null) {
                record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventCodec.TYPE_HEADER, ceType.getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventCodec.ID_HEADER, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_source", "test".getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Sending to " + topic + " failed", e.getCause());
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
