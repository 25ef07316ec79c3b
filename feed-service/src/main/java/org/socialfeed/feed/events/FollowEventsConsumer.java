package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.Topics;
import org.socialfeed.feed.graph.Follow;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * follows.events: keeps the follower replica and takes entries in and out of timelines as the graph changes. Read
 * in batches: a run of consecutive follows is applied together (a new account following hundreds, or a popular
 * account gaining thousands, costs a few Redis round trips, not several per follow); unfollows, blocks and mutes
 * apply one by one, in their place in the order.
 */
@Singleton
public class FollowEventsConsumer extends FeedEventConsumer {

    public static final String CHANNEL = "follows";

    public FollowEventsConsumer(HomeFanOut feed, ObjectMapper json, RecoveryGate recovery, EventDelays delays) {
        super(feed, json, recovery, delays);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return applyLive(batch);
    }

    @Override
    public String topic() {
        return Topics.FOLLOWS;
    }

    @Override
    public int replayOrder() {
        return 1; // first: posts need the graph to tell celebrities
    }

    @Override
    public boolean replayedWhole() {
        return true;
    }

    /** Runs of follows are applied together ({@link HomeFanOut#followed}); the other events one by one. */
    @Override
    protected void applyAll(List<ConsumerRecord<String, String>> records, boolean replay,
                            BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        applyInRuns(records, FollowCreated.TYPE, record -> {
            FollowCreated event = codec.decode(record, FollowCreated.class);
            return new Follow(event.follower().id(), event.followeeId(), event.showReblogs());
        }, follows -> feed.followed(follows, replay), replay, rejected);
    }

    /** Unfollows, blocks and mutes (follows come in runs, {@link #applyAll}). */
    @Override
    protected void apply(ConsumerRecord<String, String> record, boolean replay) {
        String type = EventCodec.type(record);
        if (FollowRemoved.TYPE.equals(type)) {
            FollowRemoved event = codec.decode(record, FollowRemoved.class);
            feed.unfollowed(event.followerId(), event.followeeId(), replay);
        } else if (BlockChanged.TYPE.equals(type)) {
            BlockChanged event = codec.decode(record, BlockChanged.class);
            feed.blockChanged(event.blockerId(), event.blockedId(), event.blocking(), replay);
        } else if (MuteChanged.TYPE.equals(type)) {
            MuteChanged event = codec.decode(record, MuteChanged.class);
            feed.muteChanged(event.muterId(), event.mutedId(), event.muting(), replay);
        }
    }
}
