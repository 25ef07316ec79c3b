package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.feed.ranking.RankingSignals;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.stream.LiveFeed;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;

import java.util.concurrent.CompletionStage;

/**
 * interactions.events: reposts enter timelines (once per original), likes move counts; both are ranking signals.
 * Replies come as posts.
 */
@Singleton
public class InteractionEventsConsumer extends FeedEventConsumer {

    public static final String CHANNEL = "interactions";

    private final LiveFeed live;
    private final RankingSignals signals;

    public InteractionEventsConsumer(HomeFanOut feed, LiveFeed live, RankingSignals signals, ObjectMapper json,
                                     RecoveryGate recovery, EventDelays delays) {
        super(feed, json, recovery, delays);
        this.live = live;
        this.signals = signals;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return applyLive(batch);
    }

    @Override
    public String topic() {
        return Topics.INTERACTIONS;
    }

    @Override
    public int replayOrder() {
        return 4; // after posts: a repost needs its original
    }

    @Override
    public boolean replayedWhole() {
        return false;
    }

    @Override
    protected void apply(ConsumerRecord<String, String> record, boolean replay) {
        String type = EventCodec.type(record);
        if (PostReposted.TYPE.equals(type)) {
            PostReposted event = codec.decode(record, PostReposted.class);
            PostEventsConsumer.requireIds(event.repostId(), event.actor() == null ? null : event.actor().id(), record);
            PostEventsConsumer.requireIds(event.postId(), event.postAuthorId(), record);
            live.publish(feed.reposted(event, replay));
            signals.reposted(event.actor().id(), event.postId(), event.postAuthorId(), event.reposted(), event.at(),
                    replay);
        } else if (PostLiked.TYPE.equals(type)) {
            PostLiked event = codec.decode(record, PostLiked.class);
            PostEventsConsumer.requireIds(event.postId(), event.actor() == null ? null : event.actor().id(), record);
            feed.liked(event.actor().id(), event.postId(), event.liked());
            signals.liked(event.actor().id(), event.postId(), event.postAuthorId(), event.liked(), event.at(), replay);
        }
    }
}
