package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import org.socialfeed.redis.LuaScript;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
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
 *   <li>{@code notif:{<recipientId>}:silenced}, the accounts the recipient blocked or muted with notifications;</li>
 *   <li>{@code notif:{<recipientId>}:group:<groupKey>}, per group of likes, reposts or follows: a sorted set of its
 *   members' accounts (score: the notification's id), every visible one, those of silenced accounts included and
 *   those of suspended accounts left out (ADR 30). A v2 read counts and samples a group by it, however far below
 *   the floor the group reaches. Written by the notification that opens the group, and by later members only while
 *   it exists; a set missing or being rebuilt (its member {@code ""}) is rebuilt from MongoDB by the next read that
 *   needs it ({@link #warm}).</li>
 * </ul>
 * {@link RecentPages} reads it; this class keeps it in step with MongoDB and rebuilds it.
 */
@ApplicationScoped
public class RecentNotifications {

    private static final Logger LOG = Logger.getLogger(RecentNotifications.class);

    static final String FLOOR = "floor";

    /**
     * Adds an entry, and its account to its group's members if the group's set exists or this notification opens it;
     * past the cap, drops the oldest entries (and the member sets of groups left without an entry), and raises the
     * floor above them (if the set is built).
     */
    private static final LuaScript ADD = new LuaScript("""
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            if KEYS[3] and (ARGV[6] == '1' or redis.call('EXISTS', KEYS[3]) == 1) then
              redis.call('ZADD', KEYS[3], ARGV[1], ARGV[5])
            end
            local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
            if excess > 0 then
              local dropped = redis.call('ZRANGE', KEYS[1], 0, excess - 1, 'WITHSCORES')
              redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
              for i = 1, #dropped, 2 do
                local group = string.match(dropped[i], '^[^|]*|[^|]*|[^|]*|[^|]*|([^|]*)|')
                if group and string.find(group, 'ungrouped-', 1, true) ~= 1 then
                  local members = ARGV[4] .. group
                  local newest = redis.call('ZRANGE', members, -1, -1, 'WITHSCORES')
                  if newest[2] and tonumber(newest[2]) <= tonumber(dropped[i + 1]) then
                    redis.call('DEL', members)
                  end
                end
              end
              local last = tonumber(dropped[#dropped])
              local floor = tonumber(redis.call('HGET', KEYS[2], 'floor'))
              if floor and floor <= last then
                redis.call('HSET', KEYS[2], 'floor', string.format('%.0f', last + 1))
              end
            end
            return 0
            """);

    /**
     * Removes an entry, and its account from its group's members if that member is this notification; a group
     * being rebuilt is dropped instead (its rebuild may have read MongoDB before the removal), and so is one left
     * without an entry in the set.
     */
    private static final LuaScript REMOVE = new LuaScript("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])
            if KEYS[3] then
              if redis.call('ZSCORE', KEYS[3], '') then
                redis.call('DEL', KEYS[3])
              elseif tonumber(redis.call('ZSCORE', KEYS[3], ARGV[2])) == tonumber(ARGV[1]) then
                redis.call('ZREM', KEYS[3], ARGV[2])
                local newest = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
                local floor = tonumber(redis.call('HGET', KEYS[2], 'floor'))
                if newest[2] and floor and tonumber(newest[2]) < floor then
                  redis.call('DEL', KEYS[3])
                end
              end
            end
            return 0
            """);

    /** Marks a group's member set as being rebuilt, unless it is complete: 1 if the caller is to rebuild it. */
    private static final LuaScript START_GROUP = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 and not redis.call('ZSCORE', KEYS[1], '') then
              return 0
            end
            redis.call('ZADD', KEYS[1], -1, '')
            return 1
            """);

    /** Adds the members read from MongoDB (id, account, ...) and completes the set, unless a removal dropped it. */
    private static final LuaScript FINISH_GROUP = new LuaScript("""
            if not redis.call('ZSCORE', KEYS[1], '') then
              return 0
            end
            for i = 1, #ARGV, 2 do
              redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('ZREM', KEYS[1], '')
            return 1
            """);

    /** Marks an untouched recipient's (empty) set built: nothing of theirs was added, removed or silenced yet. */
    private static final LuaScript BUILT_IF_UNTOUCHED = new LuaScript("""
            if redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[3]) == 0 then
              redis.call('HSET', KEYS[2], 'floor', '0')
              return 1
            end
            return 0
            """);

    private final RedisConnection connection;
    private final RedisClusterCommands<String, String> redis;
    private final RedisClusterAsyncCommands<String, String> async;
    private final ReadModelWrites writes;
    private final NotificationRepository notifications;
    private final SocialGraph graph;
    private final RenderedAccounts accounts;
    private final RenderedPosts posts;
    private final ObjectMapper json;
    private final int cap;
    /** Recipients (by id) and groups (by key) being rebuilt from MongoDB in this process. */
    private final Set<String> building = ConcurrentHashMap.newKeySet();

    public RecentNotifications(RedisConnection redis, ReadModelWrites writes,
                               NotificationRepository notifications, SocialGraph graph, RenderedAccounts accounts,
                               RenderedPosts posts, ObjectMapper json, NotificationConfig config) {
        this.connection = redis;
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

    /** The members of a recipient's group of likes, reposts or follows. */
    static String groupKey(String recipientId, String groupKey) {
        return groupPrefix(recipientId) + groupKey;
    }

    private static String groupPrefix(String recipientId) {
        return "notif:{" + recipientId + "}:group:";
    }

    /** Stored notifications that are not filtered, added in one pipeline. */
    public void addedAll(List<NotificationRepository.NewNotification> added) {
        writes.apply(() -> CompletableFuture.allOf(added.stream().map(item -> ADD.run(async, ScriptOutputType.INTEGER,
                        entryKeys(item.notification()), addArguments(item.notification(), item.opensGroup()))
                .toCompletableFuture()).toArray(CompletableFuture[]::new)).join(),
                added.stream().flatMap(item -> Stream.concat(Stream.of(keysOf(item.notification().recipientId())),
                        groupKeyOf(item.notification()).stream())).distinct().toArray(String[]::new));
    }

    /** The recipient's set and state, and the notification's group members if it is grouped. */
    private static String[] entryKeys(Notification notification) {
        Stream<String> keys = Stream.of(recentKey(notification.recipientId()), stateKey(notification.recipientId()));
        return Stream.concat(keys, groupKeyOf(notification).stream()).toArray(String[]::new);
    }

    private String[] addArguments(Notification notification, boolean opensGroup) {
        return new String[]{notification.idString(), RecentEntry.of(notification, json).encode(),
                Integer.toString(cap), groupPrefix(notification.recipientId()), notification.actor().id(),
                opensGroup ? "1" : "0"};
    }

    /** The key of the notification's group members, if its type is grouped. */
    private static Optional<String> groupKeyOf(Notification notification) {
        return notification.type().groupable()
                ? Optional.of(groupKey(notification.recipientId(), notification.groupKey())) : Optional.empty();
    }

    /**
     * A new account, named by users.events for the first time: it has no notification yet, so its empty set is
     * complete and its first reads are served here. Not if anything of the recipient's is in Redis already (a
     * notification processed before the registration, which Redis may have lost part of) or awaits dropping.
     */
    public void registered(String recipientId) {
        String[] keys = keysOf(recipientId);
        writes.applyIfCurrent(() -> BUILT_IF_UNTOUCHED.run(connection, ScriptOutputType.INTEGER, keys), keys);
    }

    /** Dismissed or withdrawn notifications of one recipient. */
    public void removed(String recipientId, Collection<Notification> removed) {
        writes.apply(() -> removed.forEach(notification -> REMOVE.run(connection, ScriptOutputType.INTEGER,
                        entryKeys(notification), notification.idString(), notification.actor().id())),
                Stream.concat(Stream.of(keysOf(recipientId)), removed.stream()
                        .flatMap(notification -> groupKeyOf(notification).stream())).toArray(String[]::new));
    }

    /** Every notification dismissed: the set is empty and still complete above its floor; no group has members. */
    public void cleared(String recipientId, Collection<String> groupKeys) {
        String[] groups = groupKeys.stream().map(group -> groupKey(recipientId, group)).toArray(String[]::new);
        writes.apply(() -> redis.del(Stream.concat(Stream.of(recentKey(recipientId)), Stream.of(groups))
                .toArray(String[]::new)), Stream.concat(Stream.of(keysOf(recipientId)), Stream.of(groups))
                .toArray(String[]::new));
    }

    /** The accounts of these groups changed (a suspension, or its end): their members are read again from MongoDB. */
    public void groupsChanged(Map<String, Set<String>> groupKeysByRecipient) {
        String[] keys = groupKeysByRecipient.entrySet().stream().flatMap(recipient -> recipient.getValue().stream()
                .map(group -> groupKey(recipient.getKey(), group))).toArray(String[]::new);
        if (keys.length > 0) {
            writes.apply(() -> redis.del(keys), keys);
        }
    }

    /** A reply notification that became a mention (if the set shows it: it may have been dismissed). */
    public void retyped(Notification changed) {
        write(changed.recipientId(), () -> {
            if (redis.zremrangebyscore(recentKey(changed.recipientId()),
                    Range.create(changed.id(), changed.id())) > 0) {
                ADD.run(connection, ScriptOutputType.INTEGER, entryKeys(changed), addArguments(changed, false));
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
     * the posts, the members of its groups of likes, reposts and follows), so the next read is served here. A
     * failure leaves the next read to MongoDB again.
     */
    public void warm(String recipientId, Collection<AccountView> shownAccounts, Collection<String> statusIds,
                     Collection<String> groupKeys) {
        try {
            ensureBuilt(recipientId);
            Map<String, AccountView> byId = new HashMap<>();
            shownAccounts.forEach(account -> byId.putIfAbsent(account.id(), account));
            accounts.warm(byId);
            posts.warm(new HashSet<>(statusIds));
            groupKeys.stream().filter(NotificationGrouping::grouped).distinct()
                    .forEach(group -> ensureGroupBuilt(recipientId, group));
        } catch (RuntimeException e) {
            LOG.warnf("Warming the Redis read model of %s failed: %s", recipientId, e.getMessage());
        }
    }

    /**
     * Rebuilds a group's members from MongoDB unless their set is complete. The set is marked first, so members
     * added meanwhile join it, and a removal meanwhile drops it (the next read that needs it rebuilds it again).
     */
    private void ensureGroupBuilt(String recipientId, String group) {
        String[] key = {groupKey(recipientId, group)};
        if (!building.add(key[0])) {
            return; // being rebuilt for a read at the same time: one rebuild's MongoDB query is enough
        }
        try {
            if (START_GROUP.<Long>run(connection, ScriptOutputType.INTEGER, key) == 0) {
                return;
            }
            List<String> members = new ArrayList<>();
            notifications.groupMembers(recipientId, group).forEach(member -> {
                members.add(member.idString());
                members.add(member.actor().id());
            });
            FINISH_GROUP.run(connection, ScriptOutputType.INTEGER, key, members.toArray(String[]::new));
        } finally {
            building.remove(key[0]);
        }
    }
}
