package org.socialfeed.notification.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Reads the four topics notification-service consumes, in batches, and dispatches each record by its CloudEvents
 * type. Unknown types are skipped (newer producers); records that do not decode go to the dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventCodec codec;
    private final NotificationRules rules;
    private final ReplicaUpdates replicas;

    public EventConsumer(ObjectMapper json, NotificationRules rules, ReplicaUpdates replicas) {
        this.codec = new EventCodec(json);
        this.rules = rules;
        this.replicas = replicas;
    }

    /**
     * follows.events, read in batches: a run of consecutive follows is applied together (the replicas and the
     * notifications in a few round trips, not several per follow); other events apply one by one, in their place in
     * the order. If a run fails, each of its follows is tried on its own, so only what cannot be applied goes to the
     * dead-letter topic.
     */
    @Incoming("follows")
    @Blocking
    public CompletionStage<Void> onFollows(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, this::applyFollows);
    }

    private void applyFollows(List<ConsumerRecord<String, String>> records,
                              BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        Map<ConsumerRecord<String, String>, FollowCreated> run = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                String type = EventCodec.type(record);
                if (FollowCreated.TYPE.equals(type)) {
                    run.put(record, codec.decode(record, FollowCreated.class));
                } else {
                    followed(run, rejected);
                    onFollowEvent(type, record);
                }
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
        followed(run, rejected);
    }

    private void followed(Map<ConsumerRecord<String, String>, FollowCreated> run,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        if (run.isEmpty()) {
            return;
        }
        try {
            followed(run);
        } catch (RuntimeException runFailed) {
            run.forEach((record, follow) -> {
                try {
                    followed(Map.of(record, follow));
                } catch (RuntimeException e) {
                    rejected.accept(record, e);
                }
            });
        }
        run.clear();
    }

    private void followed(Map<ConsumerRecord<String, String>, FollowCreated> run) {
        replicas.followsCreated(List.copyOf(run.values()));
        Map<String, FollowCreated> byEventId = new LinkedHashMap<>();
        run.forEach((record, follow) -> byEventId.put(eventId(record), follow));
        rules.followed(byEventId);
    }

    private void onFollowEvent(String type, ConsumerRecord<String, String> record) {
        if (FollowRequested.TYPE.equals(type)) {
            rules.followRequested(eventId(record), codec.decode(record, FollowRequested.class));
        } else if (FollowRemoved.TYPE.equals(type)) {
            FollowRemoved removed = codec.decode(record, FollowRemoved.class);
            replicas.followRemoved(removed);
            rules.unfollowed(removed);
        } else if (BlockChanged.TYPE.equals(type)) {
            replicas.blockChanged(codec.decode(record, BlockChanged.class));
        } else if (MuteChanged.TYPE.equals(type)) {
            replicas.muteChanged(codec.decode(record, MuteChanged.class));
        }
    }

    @Incoming("interactions")
    @Blocking
    public CompletionStage<Void> onInteractions(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, RecordBatches.eachRecord(this::applyInteraction));
    }

    private void applyInteraction(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (PostLiked.TYPE.equals(type)) {
            PostLiked like = codec.decode(record, PostLiked.class);
            replicas.liked(like);
            rules.liked(eventId(record), like);
        } else if (PostReposted.TYPE.equals(type)) {
            PostReposted repost = codec.decode(record, PostReposted.class);
            replicas.reposted(repost);
            rules.reposted(eventId(record), repost);
        } else if (PostReplied.TYPE.equals(type)) {
            rules.replied(codec.decode(record, PostReplied.class));
        }
    }

    @Incoming("posts")
    @Blocking
    public CompletionStage<Void> onPosts(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, RecordBatches.eachRecord(this::applyPost));
    }

    private void applyPost(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (PostCreated.TYPE.equals(type)) {
            PostCreated post = codec.decode(record, PostCreated.class);
            replicas.postCreated(post);
            rules.posted(post);
        } else if (PostUpdated.TYPE.equals(type)) {
            replicas.postUpdated(codec.decode(record, PostUpdated.class));
        } else if (PostDeleted.TYPE.equals(type)) {
            replicas.postDeleted(codec.decode(record, PostDeleted.class));
        }
    }

    @Incoming("users")
    @Blocking
    public CompletionStage<Void> onUsers(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, RecordBatches.eachRecord(this::applyUser));
    }

    private void applyUser(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (UserRegistered.TYPE.equals(type)) {
            replicas.userRegistered(codec.decode(record, UserRegistered.class));
        } else if (UserUpdated.TYPE.equals(type)) {
            replicas.userUpdated(codec.decode(record, UserUpdated.class));
        } else if (UserSuspended.TYPE.equals(type)) {
            replicas.userSuspended(codec.decode(record, UserSuspended.class));
        }
    }

    /** The event's ce_id; a record without one is identified by its place in the log, which is just as stable. */
    private static String eventId(ConsumerRecord<String, String> record) {
        String id = EventCodec.id(record);
        return id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
