package org.socialfeed.support.events;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Consuming a topic in batches ({@code mp.messaging.incoming.<channel>.batch=true}) without losing what the
 * record-at-a-time consumers have: a record that cannot be applied goes to the channel's dead-letter topic on its
 * own, the rest of the batch still applies, and the batch is acknowledged once those copies are written. (SmallRye
 * would send the whole batch to the dead-letter topic if the method threw.)
 */
public final class RecordBatches {

    /** Applies records in order, handing each one that cannot be applied to {@code rejected}. */
    @FunctionalInterface
    public interface Applier {
        void applyAll(List<ConsumerRecord<String, String>> records,
                      BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected);
    }

    private RecordBatches() {
    }

    /**
     * Applies each record on its own, as a record-at-a-time consumer would: for a topic whose records gain nothing
     * from being applied together, batches still save the per-record dispatch and acknowledgement.
     */
    public static Applier eachRecord(Consumer<ConsumerRecord<String, String>> apply) {
        return (records, rejected) -> records.forEach(record -> {
            try {
                apply.accept(record);
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        });
    }

    public static CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch, Applier applier) {
        Map<ConsumerRecord<String, String>, KafkaRecord<String, String>> incoming = new IdentityHashMap<>();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow().getRecord();
            incoming.put(record, message);
            records.add(record);
        }
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        applier.applyAll(records, (record, failure) ->
                deadLettered.add(incoming.get(record).nack(failure).toCompletableFuture()));
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new))
                .thenCompose(written -> batch.ack());
    }
}
