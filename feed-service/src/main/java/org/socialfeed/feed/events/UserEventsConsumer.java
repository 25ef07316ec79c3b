package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;

import java.util.concurrent.CompletionStage;

/** users.events: a suspended account disappears from every timeline, and comes back if reinstated. */
@Singleton
public class UserEventsConsumer extends FeedEventConsumer {

    public static final String CHANNEL = "users";

    public UserEventsConsumer(HomeFanOut feed, ObjectMapper json, RecoveryGate recovery, EventDelays delays) {
        super(feed, json, recovery, delays);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return applyLive(batch);
    }

    @Override
    public String topic() {
        return Topics.USERS;
    }

    @Override
    public int replayOrder() {
        return 2; // suspensions need nothing else
    }

    @Override
    public boolean replayedWhole() {
        return true;
    }

    @Override
    protected void apply(ConsumerRecord<String, String> record, boolean replay) {
        if (UserSuspended.TYPE.equals(EventCodec.type(record))) {
            UserSuspended event = codec.decode(record, UserSuspended.class);
            if (event.userId() == null) {
                throw new IllegalArgumentException("UserSuspended without a user id at " + record.offset());
            }
            feed.suspensionChanged(event.userId(), event.suspended());
        }
    }
}
