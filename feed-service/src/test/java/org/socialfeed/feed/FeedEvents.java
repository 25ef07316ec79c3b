package org.socialfeed.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.testing.SharedInfrastructure;
import org.socialfeed.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Publishes the events the other services publish, as they publish them (CloudEvents headers, keys from Topics), so
 * feed-service's tests drive it through Kafka exactly as production does. One producer for the whole run.
 */
final class FeedEvents {

    static final SnowflakeIds IDS = new SnowflakeIds();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private FeedEvents() {
    }

    /** A user known only by id and name, with a token of their own. */
    record User(String id, String username, String token) {
        AccountRef ref() {
            return new AccountRef(id, username, username.toUpperCase());
        }
    }

    static User user(String prefix) {
        String id = Long.toString(IDS.next());
        String username = prefix + "_" + id.substring(id.length() - 6);
        return new User(id, username, TestTokens.forUser(id, username));
    }

    static void follow(User follower, User followee) {
        follow(follower, followee, true);
    }

    static void follow(User follower, User followee, boolean showReblogs) {
        send(Topics.FOLLOWS, FollowRemoved.key(follower.id(), followee.id()), FollowCreated.TYPE,
                new FollowCreated(follower.ref(), followee.id(), false, showReblogs, Instant.now()));
    }

    static void unfollow(User follower, User followee) {
        send(Topics.FOLLOWS, FollowRemoved.key(follower.id(), followee.id()), FollowRemoved.TYPE,
                new FollowRemoved(follower.id(), followee.id(), Instant.now()));
    }

    static void block(User blocker, User blocked) {
        send(Topics.FOLLOWS, BlockChanged.key(blocker.id(), blocked.id()), BlockChanged.TYPE,
                new BlockChanged(blocker.id(), blocked.id(), true, Instant.now()));
    }

    static void mute(User muter, User muted) {
        send(Topics.FOLLOWS, MuteChanged.key(muter.id(), muted.id()), MuteChanged.TYPE,
                new MuteChanged(muter.id(), muted.id(), true, false, Instant.now()));
    }

    static PostCreated postCreated(User author, String text, Visibility visibility) {
        String id = Long.toString(IDS.next());
        return new PostCreated(id, author.ref(), text, "<p>" + text + "</p>", visibility, null, null, null,
                List.of(), List.of(), List.of(), Instant.now(), "", false, null);
    }

    /** Publishes a public post and returns its id. */
    static String post(User author, String text) {
        return post(postCreated(author, text, Visibility.PUBLIC));
    }

    static String post(PostCreated event) {
        send(Topics.POSTS, event.author().id(), PostCreated.TYPE, event);
        return event.postId();
    }

    static String reply(User author, String text, String inReplyToId, User repliedTo) {
        PostCreated event = new PostCreated(Long.toString(IDS.next()), author.ref(), text, "<p>" + text + "</p>",
                Visibility.PUBLIC, inReplyToId, repliedTo.id(), null, List.of(), List.of(), List.of(), Instant.now(),
                "", false, null);
        return post(event);
    }

    /** Edits a public post to {@code text}. */
    static void edit(User author, String postId, String text) {
        send(Topics.POSTS, author.id(), PostUpdated.TYPE, new PostUpdated(postId, author.ref(), text,
                "<p>" + text + "</p>", Visibility.PUBLIC, List.of(), List.of(), List.of(), Instant.now(), Instant.now(),
                "", false, null));
    }

    static void delete(User author, String postId) {
        send(Topics.POSTS, author.id(), PostDeleted.TYPE, new PostDeleted(postId, author.id(), Instant.now()));
    }

    /** Reposts {@code postId} by {@code author}; returns the repost's own id. */
    static String repost(User actor, String postId, User author) {
        String id = Long.toString(IDS.next());
        send(Topics.INTERACTIONS, postId, PostReposted.TYPE,
                new PostReposted(id, actor.ref(), postId, author.id(), Visibility.PUBLIC, true, Instant.now()));
        return id;
    }

    static void like(User actor, String postId, User author) {
        send(Topics.INTERACTIONS, postId, PostLiked.TYPE,
                new PostLiked(actor.ref(), postId, author.id(), true, Instant.now()));
    }

    static void suspend(User user, boolean suspended) {
        send(Topics.USERS, user.id(), UserSuspended.TYPE, new UserSuspended(user.id(), suspended, Instant.now()));
    }

    /** Sends an event; the same {@code ceId} twice is how a redelivery looks. */
    static void send(String topic, String key, String type, Object event) {
        send(topic, key, type, write(event), UUID.randomUUID().toString());
    }

    static void send(String topic, String key, String type, String payload, String ceId) {
        sendAll(List.of(record(topic, key, type, payload, ceId)));
    }

    /** A record as the services publish it: CloudEvents headers when {@code type} is given. */
    static ProducerRecord<String, String> record(String topic, String key, String type, String payload, String ceId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        if (type != null) {
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventCodec.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventCodec.ID_HEADER, ceId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "feed-tests".getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    static ProducerRecord<String, String> followRecord(User follower, User followee) {
        return record(Topics.FOLLOWS, FollowRemoved.key(follower.id(), followee.id()), FollowCreated.TYPE,
                write(new FollowCreated(follower.ref(), followee.id(), false, true, Instant.now())),
                UUID.randomUUID().toString());
    }

    /** Sends records back to back (batched by the producer, so consumers get them in large polls), in order. */
    static void sendAll(List<ProducerRecord<String, String>> records) {
        var sent = records.stream().map(record -> producer().send(record)).toList();
        producer().flush();
        sent.forEach(future -> {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Sending failed", e.getCause());
            }
        });
    }

    /** Sends many follows at once, for large audiences. */
    static void followAll(List<User> followers, User followee) {
        sendAll(followers.stream().map(follower -> followRecord(follower, followee)).toList());
    }

    static String write(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }
}
