package org.socialfeed.user.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.user.account.AccountRepository;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Consumes posts.events (group user-service) to keep each account's statuses_count and last_status_at (the day of
 * its latest post, kept by Mastodon also after that post is deleted). Other event types are ignored;
 * records that cannot be read go to {@code posts.events.dlq}.
 */
@ApplicationScoped
public class PostEventsConsumer {

    public static final String CHANNEL = "posts";

    private final EventCodec codec;
    private final CountedPosts counted;
    private final AccountRepository accounts;

    public PostEventsConsumer(ObjectMapper json, CountedPosts counted, AccountRepository accounts) {
        this.codec = new EventCodec(json);
        this.counted = counted;
        this.accounts = accounts;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (PostCreated.TYPE.equals(type)) {
            PostCreated created = codec.decode(record, PostCreated.class);
            long authorId = authorId(created.author() == null ? null : created.author().id(), record);
            counted.created(required(created.postId(), record), authorId);
            if (created.createdAt() != null) {
                accounts.recordPostDay(authorId, LocalDate.ofInstant(created.createdAt(), ZoneOffset.UTC));
            }
        } else if (PostDeleted.TYPE.equals(type)) {
            PostDeleted deleted = codec.decode(record, PostDeleted.class);
            counted.deleted(required(deleted.postId(), record), authorId(deleted.authorId(), record));
        }
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
