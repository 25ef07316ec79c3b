package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.replica.ReadModelWrites;
import org.socialfeed.notification.replica.RenderedAccounts;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.notification.replica.SocialGraph;
import org.socialfeed.support.mastodon.AccountView;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Redis read model of each recipient's recent notifications (ADR 18), beside MongoDB, the store of record:
 * <ul>
 *   <li>{@code notif:{<recipientId>}:recent}, a sorted set of the latest visible, unfiltered notifications (score:
 *   id), capped at {@code social.notifications.recent-limit}; each member carries what a read filters and renders
 *   by ({@link RecentEntry});</li>
 *   <li>{@code notif:{<recipientId>}:state}, field {@code floor}: every visible notification with an id at least
 *   this is in the set. A new account's is written when it registers ({@link #registered}). Its absence (Redis
 *   lost its data, notifications came before the registration) makes the next read come from MongoDB and rebuild
 *   the set;</li>
 *   <li>{@code notif:{<recipientId>}:silenced}, the accounts the recipient blocked or muted with notifications.</li>
 * </ul>
 * {@link RecentPages} reads it; this class keeps it in step with MongoDB and rebuilds it.
 */
@ApplicationScoped
public class RecentNotifications {

    private static final Logger LOG = Logger.getLogger(RecentNotifications.class);

    static final String FLOOR = "floor";

    /** Adds an entry; past the cap, drops the oldest and raises the floor above them (if the set is built). */
    private static final String ADD = """
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
            if excess > 0 then
              local dropped = redis.call('ZRANGE', KEYS[1], excess - 1, excess - 1, 'WITHSCORES')
              redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
              local floor = tonumber(redis.call('HGET', KEYS[2], 'floor'))
              if floor and floor <= tonumber(dropped[2]) then
                redis.call('HSET', KEYS[2], 'floor', string.format('%.0f', tonumber(dropped[2]) + 1))
              end
            end
            return 0
            """;

    /** Marks an untouched recipient's (empty) set built: nothing of theirs was added, removed or silenced yet. */
    private static final String BUILT_IF_UNTOUCHED = """
            if redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[3]) == 0 then
              redis.call('HSET', KEYS[2], 'floor', '0')
              return 1
            end
            return 0
            """;

    private final RedisClusterCommands<String, String> redis;
    private final RedisClusterAsyncCommands<String, String> async;
    private final ReadModelWrites writes;
    private final NotificationRepository notifications;
    private final SocialGraph graph;
    private final RenderedAccounts accounts;
    private final RenderedPosts posts;
    private final ObjectMapper json;
    private final int cap;
    private final Set<String> building = ConcurrentHashMap.newKeySet();

    public RecentNotifications(RedisConnection redis, ReadModelWrites writes,
                               NotificationRepository notifications, SocialGraph graph, RenderedAccounts accounts,
                               RenderedPosts posts, ObjectMapper json, NotificationConfig config) {
        this.redis = redis.sync();
        this.async = redis.async();
        this.writes = writes;
        this.notifications = notifications;
        this.graph = graph;
        this.accounts = accounts;
        this.posts = posts;
        this.json = json;
        this.cap = config.notifications().recentLimit();
    }

    static String recentKey(String recipientId) {
        return "notif:{" + recipientId + "}:recent";
    }

    static String stateKey(String recipientId) {
        return "notif:{" + recipientId + "}:state";
    }

    static String silencedKey(String recipientId) {
        return "notif:{" + recipientId + "}:silenced";
    }

    /** Stored notifications that are not filtered, added in one pipeline. */
    public void addedAll(List<Notification> added) {
        writes.apply(() -> CompletableFuture.allOf(added.stream().map(notification -> async.eval(ADD,
                ScriptOutputType.INTEGER, new String[]{recentKey(notification.recipientId()),
                        stateKey(notification.recipientId())}, addArguments(notification)).toCompletableFuture())
                .toArray(CompletableFuture[]::new)).join(),
                added.stream().map(Notification::recipientId).distinct().flatMap(id -> Stream.of(keysOf(id)))
                        .toArray(String[]::new));
    }

    private void add(Notification notification) {
        redis.eval(ADD, ScriptOutputType.INTEGER,
                new String[]{recentKey(notification.recipientId()), stateKey(notification.recipientId())},
                addArguments(notification));
    }

    private String[] addArguments(Notification notification) {
        return new String[]{notification.idString(), RecentEntry.of(notification, json).encode(),
                Integer.toString(cap)};
    }

    /**
     * A new account, named by users.events for the first time: it has no notification yet, so its empty set is
     * complete and its first reads are served here. Not if anything of the recipient's is in Redis already (a
     * notification processed before the registration, which Redis may have lost part of) or awaits dropping.
     */
    public void registered(String recipientId) {
        String[] keys = keysOf(recipientId);
        writes.applyIfCurrent(() -> redis.eval(BUILT_IF_UNTOUCHED, ScriptOutputType.INTEGER, keys), keys);
    }

    /** Dismissed or withdrawn notifications. */
    public void removed(String recipientId, Collection<Long> ids) {
        write(recipientId, () -> ids.forEach(id -> redis.zremrangebyscore(recentKey(recipientId), Range.create(id, id))));
    }

    /** Every notification dismissed: the set is empty and still complete above its floor. */
    public void cleared(String recipientId) {
        write(recipientId, () -> redis.del(recentKey(recipientId)));
    }

    /** A reply notification that became a mention (if the set shows it: it may have been dismissed). */
    public void retyped(Notification changed) {
        write(changed.recipientId(), () -> {
            if (redis.zremrangebyscore(recentKey(changed.recipientId()),
                    Range.create(changed.id(), changed.id())) > 0) {
                add(changed);
            }
        });
    }

    /** The recipient blocked or muted {@code otherId}, or no longer does. */
    public void silencing(String recipientId, String otherId, boolean silenced) {
        write(recipientId, () -> {
            if (silenced) {
                redis.sadd(silencedKey(recipientId), otherId);
            } else {
                redis.srem(silencedKey(recipientId), otherId);
            }
        });
    }

    /** A change to the recipient's keys; if Redis misses it, they are rebuilt from MongoDB once it is back. */
    private void write(String recipientId, Runnable change) {
        writes.apply(change, keysOf(recipientId));
    }

    private static String[] keysOf(String recipientId) {
        return new String[]{recentKey(recipientId), stateKey(recipientId), silencedKey(recipientId)};
    }

    /**
     * Builds the recipient's set from MongoDB unless it is there. Entries added meanwhile are kept (a union), so a
     * notification stored during the rebuild is not lost.
     */
    public void ensureBuilt(String recipientId) {
        if (redis.exists(stateKey(recipientId)) > 0 || !building.add(recipientId)) {
            return; // built, or being built for a read at the same time: one rebuild's MongoDB queries are enough
        }
        try {
            build(recipientId);
        } finally {
            building.remove(recipientId);
        }
    }

    private void build(String recipientId) {
        List<Notification> latest = notifications.newestShowable(recipientId, cap);
        if (!latest.isEmpty()) {
            redis.zadd(recentKey(recipientId), latest.stream().map(notification -> ScoredValue.just(notification.id(),
                    RecentEntry.of(notification, json).encode())).toArray(ScoredValue[]::new));
        }
        Set<String> silenced = graph.silencedBy(recipientId);
        if (!silenced.isEmpty()) {
            redis.sadd(silencedKey(recipientId), silenced.toArray(String[]::new));
        }
        long floor = latest.size() < cap ? 0 : latest.get(latest.size() - 1).id();
        redis.hset(stateKey(recipientId), FLOOR, Long.toString(floor));
    }

    /**
     * After a page was read from MongoDB: what the model missed of it (the accounts as MongoDB's page showed them,
     * the posts), so the next read is served here. A failure leaves the next read to MongoDB again.
     */
    public void warm(String recipientId, Collection<AccountView> shownAccounts, Collection<String> statusIds) {
        try {
            ensureBuilt(recipientId);
            Map<String, AccountView> byId = new HashMap<>();
            shownAccounts.forEach(account -> byId.putIfAbsent(account.id(), account));
            accounts.warm(byId);
            posts.warm(new HashSet<>(statusIds));
        } catch (RuntimeException e) {
            LOG.warnf("Warming the Redis read model of %s failed: %s", recipientId, e.getMessage());
        }
    }
}
