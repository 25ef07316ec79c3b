package org.socialfeed.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.graph.SocialGraphReplica;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Test accounts as post-service learns of them: through users.events and follows.events on the real broker, waiting
 * until the replicas have applied them.
 */
final class TestAccounts {

    record TestAccount(String id, String username, String token) {
        long longId() {
            return Long.parseLong(id);
        }
    }

    private static final SnowflakeIds IDS = new SnowflakeIds();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestAccounts() {
    }

    /** An account that has a token but that post-service has not heard of (yet). */
    static TestAccount unannounced(String prefix) {
        String id = Long.toString(IDS.next());
        String username = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return new TestAccount(id, username, TestTokens.forUser(id, username));
    }

    static TestAccount register(String prefix) {
        TestAccount account = unannounced(prefix);
        send(Topics.USERS, account.id(), UserRegistered.TYPE,
                new UserRegistered(new AccountRef(account.id(), account.username(), "Display " + account.username()),
                        false, Instant.now()));
        await().atMost(TIMEOUT).until(() -> replica().find(account.longId()).isPresent());
        return account;
    }

    static void follow(TestAccount follower, TestAccount followee) {
        send(Topics.FOLLOWS, follower.id() + ":" + followee.id(), FollowCreated.TYPE,
                new FollowCreated(new AccountRef(follower.id(), follower.username(), follower.username()),
                        followee.id(), false, true, Instant.now()));
        await().atMost(TIMEOUT).until(() -> graph().follows(follower.longId(), followee.longId()));
    }

    static void block(TestAccount blocker, TestAccount blocked) {
        send(Topics.FOLLOWS, BlockChanged.key(blocker.id(), blocked.id()), BlockChanged.TYPE,
                new BlockChanged(blocker.id(), blocked.id(), true, Instant.now()));
        await().atMost(TIMEOUT).until(() -> graph().blockedEitherWay(blocker.longId(), blocked.longId()));
    }

    /** Mutes as user-service announces it; post-service ignores mutes (they filter timelines, not lookups). */
    static void mute(TestAccount muter, TestAccount muted) {
        send(Topics.FOLLOWS, MuteChanged.key(muter.id(), muted.id()), MuteChanged.TYPE,
                new MuteChanged(muter.id(), muted.id(), true, true, Instant.now()));
    }

    static void suspend(TestAccount account) {
        send(Topics.USERS, account.id(), UserSuspended.TYPE, new UserSuspended(account.id(), true, Instant.now()));
        await().atMost(TIMEOUT).until(() -> replica().isSuspended(account.longId()));
    }

    static String json(Object event) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String topic, String key, String type, Object event) {
        KafkaProbe.send(topic, key, type, json(event));
    }

    private static AccountReplica replica() {
        return Arc.container().instance(AccountReplica.class).get();
    }

    private static SocialGraphReplica graph() {
        return Arc.container().instance(SocialGraphReplica.class).get();
    }
}
