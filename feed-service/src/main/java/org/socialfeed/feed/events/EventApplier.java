package org.socialfeed.feed.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies the records of one topic to feed-service's Redis state. The live consumer and the recovery replay share
 * it; {@code replay} true restores state without fan-out, backfill or purges (timelines are rebuilt lazily).
 * A record that cannot be decoded throws; an unknown event type is ignored.
 */
public interface EventApplier {

    String topic();

    void apply(ConsumerRecord<String, String> record, boolean replay);
}
