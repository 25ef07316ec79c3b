package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Topics;
import org.socialfeed.feed.ranking.RankingSignals;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.stream.LiveFeed;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.support.events.EventCodec;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * posts.events: fills the post cache and fans posts out; deletions leave every timeline. Replies and mentions are
 * ranking signals.
 */
@Singleton
public class PostEventsConsumer extends FeedEventConsumer {

    public static final String CHANNEL = "posts";

    private final LiveFeed live;
    private final RankingSignals signals;

    public PostEventsConsumer(HomeFanOut feed, LiveFeed live, RankingSignals signals, ObjectMapper json,
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
        return Topics.POSTS;
    }

    @Override
    public int replayOrder() {
        return 3; // after the graph: whether a post was fanned out depends on its author being a celebrity
    }

    @Override
    public boolean replayedWhole() {
        return false;
    }

    /** Runs of new posts are applied together ({@link HomeFanOut#postsCreated}); edits and deletes one by one. */
    @Override
    protected void applyAll(List<ConsumerRecord<String, String>> records, boolean replay,
                            BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        applyInRuns(records, PostCreated.TYPE, record -> {
            PostCreated event = codec.decode(record, PostCreated.class);
            requireIds(event.postId(), event.author() == null ? null : event.author().id(), record);
            return event;
        }, created -> {
            live.publish(feed.postsCreated(created, replay));
            if (!replay) {
                created.forEach(event -> delays.delivered(event.createdAt()));
            }
            created.forEach(signals::posted);
        }, replay, rejected);
    }

    /** Edits and deletes (new posts come in runs, {@link #applyAll}). */
    @Override
    protected void apply(ConsumerRecord<String, String> record, boolean replay) {
        String type = EventCodec.type(record);
        if (PostUpdated.TYPE.equals(type)) {
            live.publish(feed.postUpdated(codec.decode(record, PostUpdated.class), replay));
        } else if (PostDeleted.TYPE.equals(type)) {
            PostDeleted event = codec.decode(record, PostDeleted.class);
            requireIds(event.postId(), event.authorId(), record);
            live.publish(feed.postDeleted(event.postId(), event.authorId()));
        }
    }

    /** Ids must be numbers: they are sorted-set scores. Anything else is a poison record. */
    static void requireIds(String postId, String authorId, ConsumerRecord<String, String> record) {
        if (postId == null || authorId == null || !postId.matches("\\d{1,16}")) {
            throw new IllegalArgumentException("Record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no valid post or author id");
        }
    }
}
