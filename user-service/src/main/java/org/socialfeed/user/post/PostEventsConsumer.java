package org.socialfeed.user.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;
import org.socialfeed.support.events.RecordRun;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Consumes posts.events (group user-service) to keep each account's statuses_count and last_status_at (the day of
 * its latest post, kept by Mastodon also after that post is deleted), a batch at a time: each run of creations
 * between deletions is counted with a few bulk writes ({@link CountedPosts#createdAll}), a deletion on its own, so
 * the records' order is kept. Other event types are ignored; records that cannot be read go to
 * {@code posts.events.dlq}.
 */
@ApplicationScoped
public class PostEventsConsumer {

    public static final String CHANNEL = "posts";

    private final EventCodec codec;
    private final CountedPosts counted;

    public PostEventsConsumer(ObjectMapper json, CountedPosts counted) {
        this.codec = new EventCodec(json);
        this.counted = counted;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, this::applyAll);
    }

    private void applyAll(List<ConsumerRecord<String, String>> records,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        RecordRun<CountedPosts.Creation> run = new RecordRun<>(counted::createdAll, rejected);
        for (ConsumerRecord<String, String> record : records) {
            try {
                String type = EventCodec.type(record);
                if (PostCreated.TYPE.equals(type)) {
                    run.add(record, creation(record));
                } else if (PostDeleted.TYPE.equals(type)) {
                    PostDeleted deleted = codec.decode(record, PostDeleted.class);
                    String postId = required(deleted.postId(), record);
                    long authorId = authorId(deleted.authorId(), record);
                    run.apply();
                    counted.deleted(postId, authorId);
                }
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
        run.apply();
    }

    private CountedPosts.Creation creation(ConsumerRecord<String, String> record) {
        PostCreated created = codec.decode(record, PostCreated.class);
        long authorId = authorId(created.author() == null ? null : created.author().id(), record);
        LocalDate day = created.createdAt() == null ? null : LocalDate.ofInstant(created.createdAt(), ZoneOffset.UTC);
        return new CountedPosts.Creation(required(created.postId(), record), authorId, day);
    }

    private static long authorId(String id, ConsumerRecord<String, String> record) {
        try {
            return Long.parseLong(required(id, record));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Record at " + record.topic() + "@" + record.offset()
                    + " has a malformed author id", e);
        }
    }

    private static String required(String value, ConsumerRecord<String, String> record) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Record at " + record.topic() + "@" + record.offset()
                    + " lacks a post or author id");
        }
        return value;
    }
}
