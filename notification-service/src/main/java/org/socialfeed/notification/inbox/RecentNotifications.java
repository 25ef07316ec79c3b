package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.replica.RenderedAccounts;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.notification.replica.SocialGraph;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusTemplate;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Redis read model of each recipient's recent notifications (ADR 18), beside MongoDB, the store of record:
 * <ul>
 *   <li>{@code notif:{<recipientId>}:recent}, a sorted set of the latest visible, unfiltered notifications (score:
 *   id), capped at {@code social.notifications.recent-limit}; each member carries what a read filters and renders
 *   by ({@link Entry});</li>
 *   <li>{@code notif:{<recipientId>}:state}, field {@code floor}: every visible notification with an id at least
 *   this is in the set. Its absence (a new recipient, Redis lost its data) makes the next read come from MongoDB
 *   and rebuild the set;</li>
 *   <li>{@code notif:{<recipientId>}:silenced}, the accounts the recipient blocked or muted with notifications.</li>
 * </ul>
 * A page is read in two pipelined round trips (the entries, the floor and the silenced accounts; then the
 * accounts' JSON and the posts' templates and counts, {@link RenderedAccounts}, {@link RenderedPosts}) and written
 * by copying strings, the bytes Jackson writes for {@link NotificationView}. Whatever the model cannot answer
 * exactly (a page below the floor, {@code include_filtered}, a filter that leaves the entries read short, an account
 * or post it has not rendered yet) is read from MongoDB instead.
 */
@ApplicationScoped
public class RecentNotifications {

    /** Entries read beyond the page, so a few filtered out still leave a full page. */
    private static final int SLACK = 10;
    private static final String FLOOR = "floor";

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

    private final RedisAsyncCommands<String, String> async;
    private final RedisCommands<String, String> redis;
    private final NotificationRepository notifications;
    private final SocialGraph graph;
    private final RenderedAccounts accounts;
    private final RenderedPosts posts;
    private final ObjectMapper json;
    private final int cap;

    public RecentNotifications(StatefulRedisConnection<String, String> redis, NotificationRepository notifications,
                               SocialGraph graph, RenderedAccounts accounts, RenderedPosts posts,
                               ObjectMapper json, NotificationConfig config) {
        this.async = redis.async();
        this.redis = redis.sync();
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

    /** A stored notification that is not filtered. */
    public void added(Notification notification) {
        redis.eval(ADD, ScriptOutputType.INTEGER,
                new String[]{recentKey(notification.recipientId()), stateKey(notification.recipientId())},
                notification.idString(), Entry.of(notification, json).encode(), Integer.toString(cap));
    }

    /** Dismissed or withdrawn notifications. */
    public void removed(String recipientId, Collection<Long> ids) {
        ids.forEach(id -> redis.zremrangebyscore(recentKey(recipientId), Range.create(id, id)));
    }

    /** Every notification dismissed: the set is empty and still complete above its floor. */
    public void cleared(String recipientId) {
        redis.del(recentKey(recipientId));
    }

    /** A reply notification that became a mention (if the set shows it: it may have been dismissed). */
    public void retyped(Notification changed) {
        if (redis.zremrangebyscore(recentKey(changed.recipientId()), Range.create(changed.id(), changed.id())) > 0) {
            added(changed);
        }
    }

    /** The recipient blocked or muted {@code otherId}, or no longer does. */
    public void silencing(String recipientId, String otherId, boolean silenced) {
        if (silenced) {
            redis.sadd(silencedKey(recipientId), otherId);
        } else {
            redis.srem(silencedKey(recipientId), otherId);
        }
    }

    /**
     * Builds the recipient's set from MongoDB unless it is there. Entries added meanwhile are kept (a union), so a
     * notification stored during the rebuild is not lost.
     */
    public void ensureBuilt(String recipientId) {
        if (redis.exists(stateKey(recipientId)) > 0) {
            return;
        }
        List<Notification> latest = new ArrayList<>();
        notifications.newestFirst(recipientId, NotificationQuery.everything(Set.of()), 0, Long.MAX_VALUE, cap)
                .forEach(latest::add);
        for (Notification notification : latest) {
            redis.zadd(recentKey(recipientId), notification.id(), Entry.of(notification, json).encode());
        }
        Set<String> silenced = graph.silencedBy(recipientId);
        if (!silenced.isEmpty()) {
            redis.sadd(silencedKey(recipientId), silenced.toArray(String[]::new));
        }
        long floor = latest.size() < cap ? 0 : latest.get(latest.size() - 1).id();
        redis.hset(stateKey(recipientId), FLOOR, Long.toString(floor));
    }

    /**
     * After a page was read from MongoDB: what the model missed of it (the accounts as MongoDB's page shows them,
     * the posts), so the next read is served here.
     */
    public void warm(String recipientId, List<Notification> page, List<NotificationView> rendered) {
        ensureBuilt(recipientId);
        Map<String, AccountView> shown = new HashMap<>();
        rendered.forEach(view -> shown.putIfAbsent(view.account().id(), view.account()));
        accounts.warm(shown);
        posts.warm(page.stream().map(Notification::statusId).filter(Objects::nonNull).distinct().toList());
    }

    /**
     * A page of the recipient's notifications as {@code GET /api/v1/notifications} answers it, or an empty answer
     * ({@link Read#missed}) when the page must come from MongoDB.
     */
    public CompletionStage<Read> page(String recipientId, NotificationQuery query, PageRequest page) {
        if (query.includeFiltered()) {
            return CompletableFuture.completedFuture(Read.MISSED);
        }
        int wanted = page.limit() + SLACK;
        Range<Long> range = Range.from(Range.Boundary.excluding(page.lowerBound()),
                Range.Boundary.excluding(page.upperBound()));
        CompletableFuture<String> floor = async.hget(stateKey(recipientId), FLOOR).toCompletableFuture();
        CompletableFuture<Set<String>> silenced = async.smembers(silencedKey(recipientId)).toCompletableFuture();
        CompletableFuture<List<String>> members = (page.readsUpward()
                ? async.zrangebyscore(recentKey(recipientId), range, Limit.create(0, wanted))
                : async.zrevrangebyscore(recentKey(recipientId), range, Limit.create(0, wanted))).toCompletableFuture();
        return CompletableFuture.allOf(floor, silenced, members).thenCompose(done -> {
            List<Entry> entries = select(floor.join(), silenced.join(), members.join(), query, page, wanted);
            return entries == null ? CompletableFuture.completedFuture(Read.MISSED)
                    : render(recipientId, entries);
        });
    }

    /** The page's entries, newest first, or null if the set cannot tell which they are. */
    private static List<Entry> select(String floor, Set<String> silenced, List<String> members, NotificationQuery query,
                                      PageRequest page, int wanted) {
        if (floor == null) {
            return null;
        }
        Set<String> types = new java.util.HashSet<>();
        query.allowedTypes().forEach(type -> types.add(type.apiName()));
        List<Entry> entries = new ArrayList<>(page.limit());
        for (String member : members) {
            Entry entry = Entry.decode(member);
            if (types.contains(entry.type) && !silenced.contains(entry.actorId)
                    && (query.accountId() == null || query.accountId().equals(entry.actorId))) {
                entries.add(entry);
                if (entries.size() == page.limit()) {
                    break;
                }
            }
        }
        boolean completeAbove = page.lowerBound() >= Long.parseLong(floor) - 1;
        boolean full = entries.size() == page.limit();
        // upward, the lowest entries of the set are the page's only if nothing below the floor could come first
        if (page.readsUpward() ? !completeAbove || !full && members.size() == wanted
                : !full && (members.size() == wanted || !completeAbove)) {
            return null;
        }
        if (page.readsUpward()) {
            Collections.reverse(entries);
        }
        return entries;
    }

    private CompletionStage<Read> render(String recipientId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(new Read("[]", List.of()));
        }
        Set<String> actorIds = new LinkedHashSet<>();
        Set<String> statusIds = new LinkedHashSet<>();
        entries.forEach(entry -> {
            actorIds.add(entry.actorId);
            if (entry.statusId != null) {
                statusIds.add(entry.statusId);
            }
        });
        CompletableFuture<List<KeyValue<String, String>>> accountJson = async.mget(actorIds.stream()
                .map(RenderedAccounts::key).toArray(String[]::new)).toCompletableFuture();
        String[] fields = RenderedPosts.readFields(recipientId);
        Map<String, CompletableFuture<List<KeyValue<String, String>>>> postFields = new HashMap<>();
        statusIds.forEach(id -> postFields.put(id, async.hmget(RenderedPosts.key(id), fields).toCompletableFuture()));
        List<CompletableFuture<?>> all = new ArrayList<>(postFields.values());
        all.add(accountJson);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, String> accountsById = new HashMap<>();
            for (KeyValue<String, String> value : accountJson.join()) {
                if (!value.hasValue() || RenderedAccounts.SUSPENDED.equals(value.getValue())) {
                    return Read.MISSED;
                }
                accountsById.put(value.getKey(), value.getValue());
            }
            Map<String, RenderedPosts.Fields> postsById = new HashMap<>();
            for (var post : postFields.entrySet()) {
                RenderedPosts.Fields found = RenderedPosts.Fields.of(post.getValue().join());
                if (!found.usable()) {
                    return Read.MISSED;
                }
                if (RenderedPosts.DELETED.equals(found.template())) {
                    forgetAbout(recipientId, post.getKey(), entries);
                    return Read.MISSED;
                }
                postsById.put(post.getKey(), found);
            }
            StringBuilder json = new StringBuilder(entries.size() * 2048).append('[');
            List<String> ids = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                if (json.length() > 1) {
                    json.append(',');
                }
                entry.appendTo(json, accountsById.get(RenderedAccounts.key(entry.actorId)),
                        entry.statusId == null ? null : postsById.get(entry.statusId));
                ids.add(entry.id);
            }
            return new Read(json.append(']').toString(), ids);
        });
    }

    /** A deleted post's notifications never come back (MongoDB hides them for good): they leave the set. */
    private void forgetAbout(String recipientId, String statusId, List<Entry> entries) {
        entries.stream().filter(entry -> statusId.equals(entry.statusId)).forEach(entry -> {
            long id = Long.parseLong(entry.id);
            async.zremrangebyscore(recentKey(recipientId), Range.create(id, id));
        });
    }

    /** A page as JSON with its ids (newest first, for the Link header); {@link #MISSED}: read it from MongoDB. */
    public record Read(String json, List<String> ids) {
        public static final Read MISSED = new Read(null, List.of());

        public boolean served() {
            return json != null;
        }
    }

    /**
     * One notification as the set keeps it: {@code id|type|accountId|statusId|groupKey|created_at as JSON}, what a
     * read filters by and the parts of {@link NotificationView} that never change.
     */
    record Entry(String id, String type, String actorId, String statusId, String groupKey, String createdAt) {

        private static final char SEPARATOR = '|';

        static Entry of(Notification notification, ObjectMapper json) {
            try {
                return new Entry(notification.idString(), notification.type().apiName(), notification.actor().id(),
                        notification.statusId(), notification.groupKey(),
                        json.writeValueAsString(notification.createdAt()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Notification " + notification.id() + " has no JSON time", e);
            }
        }

        String encode() {
            return String.join(String.valueOf(SEPARATOR), id, type, actorId, statusId == null ? "" : statusId,
                    groupKey, createdAt);
        }

        static Entry decode(String member) {
            String[] parts = member.split("\\|", 6);
            return new Entry(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3], parts[4], parts[5]);
        }

        /** As Jackson writes {@link NotificationView}: a status only if the post is cached. */
        void appendTo(StringBuilder json, String account, RenderedPosts.Fields status) {
            json.append("{\"id\":\"").append(id).append("\",\"type\":\"").append(type)
                    .append("\",\"created_at\":").append(createdAt).append(",\"account\":").append(account);
            if (status != null && !RenderedPosts.NOT_CACHED.equals(status.template())) {
                json.append(",\"status\":");
                StatusTemplate.appendStatus(json, status.template(), status.interactions());
            }
            json.append(",\"group_key\":\"").append(groupKey).append("\"}");
        }
    }
}
