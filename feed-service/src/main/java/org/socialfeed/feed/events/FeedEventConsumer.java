package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;

import java.util.concurrent.CompletionStage;

/**
 * What the live consumers of the four topics share: they decode records into {@link HomeFanOut} calls, and hold
 * their next record while a recovery restores Redis from the same topics.
 */
abstract class FeedEventConsumer implements EventApplier {

    protected final HomeFanOut feed;
    protected final EventCodec codec;
    private final RecoveryGate recovery;

    protected FeedEventConsumer(HomeFanOut feed, ObjectMapper json, RecoveryGate recovery) {
        this.feed = feed;
        this.codec = new EventCodec(json);
        this.recovery = recovery;
    }

    /** Applies a record from the live consumer; a record that throws goes to the dead-letter topic. */
    protected void applyLive(ConsumerRecord<String, String> record) {
        recovery.awaitRecovered();
        apply(record, false);
    }

    /**
     * Applies a batch from the live consumer: each record that fails goes to the dead-letter topic on its own (the
     * rest of the batch still applies), and the batch is acknowledged once those copies are written.
     */
    protected CompletionStage<Void> applyLive(KafkaRecordBatch<String, String> batch) {
        recovery.awaitRecovered();
        return RecordBatches.apply(batch, (records, rejected) -> applyAll(records, false, rejected));
    }
}
