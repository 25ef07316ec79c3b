package org.socialfeed.benchmark.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Writes follow events of passive synthetic accounts straight to {@code follows.events}, exactly as user-service
 * publishes them (the {@link FollowCreated} record as JSON, CloudEvents binary-mode headers, key
 * {@code followerId:followeeId}). feed-service builds its follower replica from that topic, so the fan-out work
 * these followers cause is real; only their registration (bcrypt, MongoDB) is skipped.
 */
public final class FollowEventProducer implements AutoCloseable {

    public static final String SOURCE = "benchmark";

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public FollowEventProducer(String bootstrapServers, ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.CLIENT_ID_CONFIG, "benchmark-graph-loader"),
                new StringSerializer(), new StringSerializer());
    }

    /** The record a follow of {@code followeeId} by synthetic account {@code followerId} becomes. */
    public ProducerRecord<String, String> record(long followerId, String followeeId, Instant at) {
        String follower = Long.toString(followerId);
        String username = "synthetic_" + (followerId - SocialGraph.SYNTHETIC_ID_BASE);
        FollowCreated event = new FollowCreated(new AccountRef(follower, username, username), followeeId,
                false, true, at);
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("FollowCreated cannot be written as JSON", e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_source", bytes(SOURCE));
        headers.add("ce_type", bytes(FollowCreated.TYPE));
        headers.add("ce_time", bytes(at.toString()));
        headers.add("content-type", bytes("application/json"));
        return new ProducerRecord<>(Topics.FOLLOWS, null, follower + ":" + followeeId, payload, headers);
    }

    /** Sends every synthetic follow of the graph; {@code onAcknowledged} sees the running count. */
    public long sendAll(SocialGraph graph, String[] actorIds, LongConsumer onAcknowledged) {
        Instant now = Instant.now();
        long sent = 0;
        for (int actor = 0; actor < graph.actors(); actor++) {
            for (int j = 0; j < graph.syntheticFollowerCount(actor); j++) {
                producer.send(record(graph.syntheticFollowerId(actor, j), actorIds[actor], now), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        onAcknowledged.accept(acknowledged.incrementAndGet());
                    }
                });
                sent++;
            }
            if (failure.get() != null) {
                break;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a follow event", failure.get());
        }
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
