package org.socialfeed.feed.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Applies the records of one topic to feed-service's Redis state. The live consumer and the recovery replay share
 * it; {@code replay} true restores state without fan-out, backfill or purges (timelines are rebuilt lazily).
 * A record that cannot be decoded throws; an unknown event type is ignored.
 */
public interface EventApplier {

    String topic();

    void apply(ConsumerRecord<String, String> record, boolean replay);

    /**
     * Applies records in order. A record that fails is handed to {@code rejected} and the others still apply;
     * appliers that can do a run of records in fewer round trips override this.
     */
    default void applyAll(List<ConsumerRecord<String, String>> records, boolean replay,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        for (ConsumerRecord<String, String> record : records) {
            try {
                apply(record, replay);
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
    }
}
