package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.recovery.ReplayedTopic;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * What the live consumers of the four topics share: they decode records into {@link HomeFanOut} calls, hold their
 * next record while a recovery restores Redis from the same topics, and are what that recovery replays.
 * {@code replay} true restores state without fan-out, backfill or purges (timelines are rebuilt lazily). A record
 * that cannot be decoded throws; an unknown event type is ignored.
 */
abstract class FeedEventConsumer implements ReplayedTopic {

    protected final HomeFanOut feed;
    protected final EventCodec codec;
    private final RecoveryGate recovery;

    protected FeedEventConsumer(HomeFanOut feed, ObjectMapper json, RecoveryGate recovery) {
        this.feed = feed;
        this.codec = new EventCodec(json);
        this.recovery = recovery;
    }

    protected abstract void apply(ConsumerRecord<String, String> record, boolean replay);

    /**
     * Applies records in order. A record that fails is handed to {@code rejected} and the others still apply;
     * consumers that can do a run of records in fewer round trips override this.
     */
    protected void applyAll(List<ConsumerRecord<String, String>> records, boolean replay,
                            BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        for (ConsumerRecord<String, String> record : records) {
            try {
                apply(record, replay);
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
    }

    @Override
    public void replay(List<ConsumerRecord<String, String>> records,
                       BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        applyAll(records, true, rejected);
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
