package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.Topics;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.timeline.HomeFeed;
import org.socialfeed.support.events.EventCodec;

/** follows.events: keeps the follower replica and takes entries in and out of timelines as the graph changes. */
@Singleton
public class FollowEventsConsumer extends FeedEventConsumer {

    public static final String CHANNEL = "follows";

    public FollowEventsConsumer(HomeFeed feed, ObjectMapper json, RecoveryGate recovery) {
        super(feed, json, recovery);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        applyLive(record);
    }

    @Override
    public String topic() {
        return Topics.FOLLOWS;
    }

    @Override
    public void apply(ConsumerRecord<String, String> record, boolean replay) {
        String type = EventCodec.type(record);
        if (FollowCreated.TYPE.equals(type)) {
            FollowCreated event = codec.decode(record, FollowCreated.class);
            feed.followed(event.follower().id(), event.followeeId(), event.showReblogs(), replay);
        } else if (FollowRemoved.TYPE.equals(type)) {
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
