package org.socialfeed.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.testing.SharedInfrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Feeds the service events the way the other services publish them (CloudEvents binary mode), with a chosen
 * ce_id so a test can deliver one event twice. Tests that depend on the order of two events send them with the
 * same key (one partition); the service never reads keys.
 */
final class EventFeed {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private EventFeed() {
    }

    /** A fresh account, unique in the shared stores. */
    static AccountRef account(String name) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
        String username = name + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new AccountRef(id, username, name.substring(0, 1).toUpperCase() + name.substring(1));
    }

    /** An account whose time-ordered id says it was created at {@code createdAt}. */
    static AccountRef accountCreatedAt(String name, Instant createdAt) {
        AccountRef random = account(name);
        String id = Long.toString(SnowflakeIds.floorAt(createdAt) + ThreadLocalRandom.current().nextInt(4096));
        return new AccountRef(id, random.username(), random.displayName());
    }

    static String newId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
    }

    static String send(String topic, String key, String type, Object event) {
        String ceId = UUID.randomUUID().toString();
        send(topic, key, type, event, ceId);
        return ceId;
    }

    static void send(String topic, String key, String type, Object event, String ceId) {
        try {
            sendRaw(topic, key, type, JSON.writeValueAsString(event), ceId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized void sendRaw(String topic, String key, String type, String payload, String ceId) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrap(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventCodec.ID_HEADER, ceId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "test".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Sending to " + topic + " failed", e.getCause());
        }
    }

    static String follow(AccountRef follower, AccountRef followee) {
        return follow(follower, followee, false, follower.id() + ":" + followee.id());
    }

    static String follow(AccountRef follower, AccountRef followee, boolean notifyOfPosts, String key) {
        return send(Topics.FOLLOWS, key, FollowCreated.TYPE,
                new FollowCreated(follower, followee.id(), notifyOfPosts, true, Instant.now()));
    }

    static String like(AccountRef actor, String postId, AccountRef author) {
        return send(Topics.INTERACTIONS, postId, PostLiked.TYPE,
                new PostLiked(actor, postId, author.id(), true, Instant.now()));
    }

    /** Has {@code count} fresh accounts follow {@code followee}, one after the other; returns them in that order. */
    static List<AccountRef> followsByNewAccounts(int count, AccountRef followee) {
        List<AccountRef> followers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AccountRef follower = account("follower" + i);
            followers.add(follower);
            follow(follower, followee, false, followedKey(followee));
        }
        return followers;
    }

    /** The key of the follows {@link #followsByNewAccounts} sends: an unfollow sent with it comes after them. */
    static String followedKey(AccountRef followee) {
        return "followed-" + followee.id();
    }

    /** Likes the post by {@code count} fresh accounts, one after the other; returns them in that order. */
    static List<AccountRef> likesByNewAccounts(int count, String postId, AccountRef author) {
        List<AccountRef> likers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AccountRef liker = account("liker" + i);
            likers.add(liker);
            like(liker, postId, author);
        }
        return likers;
    }

    static void post(String postId, AccountRef author, String text, List<AccountRef> mentions, String inReplyToId,
                     AccountRef inReplyTo, String quotedPostId) {
        send(Topics.POSTS, author.id(), PostCreated.TYPE, new PostCreated(postId, author, text,
                "<p>" + text + "</p>", Visibility.PUBLIC, inReplyToId, inReplyTo == null ? null : inReplyTo.id(),
                quotedPostId, mentions, List.of(), List.of(), Instant.now(), "", false, null));
    }
}
