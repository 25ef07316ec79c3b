package org.socialfeed.post.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Keeps {@link SocialGraphReplica} up to date from follows.events, a batch at a time: the batch's changes go to
 * MongoDB in one bulk write per collection. Requests and mutes do not matter here.
 */
@ApplicationScoped
public class FollowEventsConsumer {

    public static final String CHANNEL = "follows";

    private final SocialGraphReplica graph;
    private final EventCodec codec;

    public FollowEventsConsumer(SocialGraphReplica graph, ObjectMapper json) {
        this.graph = graph;
        this.codec = new EventCodec(json);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, this::applyAll);
    }

    private void applyAll(List<ConsumerRecord<String, String>> records,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        SocialGraphReplica.Changes changes = new SocialGraphReplica.Changes();
        List<ConsumerRecord<String, String>> decoded = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (add(changes, record)) {
                    decoded.add(record);
                }
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
        try {
            graph.apply(changes);
        } catch (RuntimeException batchFailed) {
            for (ConsumerRecord<String, String> record : decoded) { // find the record that fails, keep the others
                try {
                    SocialGraphReplica.Changes single = new SocialGraphReplica.Changes();
                    add(single, record);
                    graph.apply(single);
                } catch (RuntimeException e) {
                    rejected.accept(record, e);
                }
            }
        }
    }

    /** Adds the record's change, if it is one this replica keeps; false for other event types. */
    private boolean add(SocialGraphReplica.Changes changes, ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (FollowCreated.TYPE.equals(type)) {
            FollowCreated created = codec.decode(record, FollowCreated.class);
            changes.follow(created.follower().id(), created.followeeId());
        } else if (FollowRemoved.TYPE.equals(type)) {
            FollowRemoved removed = codec.decode(record, FollowRemoved.class);
            changes.unfollow(removed.followerId(), removed.followeeId());
        } else if (BlockChanged.TYPE.equals(type)) {
            BlockChanged changed = codec.decode(record, BlockChanged.class);
            changes.block(changed.blockerId(), changed.blockedId(), changed.blocking());
        } else {
            return false;
        }
        return true;
    }
}
