package org.socialfeed.notification.inbox;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.replica.RenderedAccounts;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.redis.LuaScript;
import org.socialfeed.redis.RedisReads;
import org.socialfeed.support.mastodon.StatusTemplate;
import org.socialfeed.support.paging.LinkHeader;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Pages of notifications (v1) and of groups (v2) read from the Redis read model ({@link RecentNotifications}), in
 * two pipelined round trips without blocking a thread: the recipient's entries, floor and silenced accounts; then
 * the accounts' JSON and the posts' templates and counts ({@link RenderedAccounts}, {@link RenderedPosts}). The JSON
 * is written by copying those strings: the bytes Jackson writes for {@link NotificationView} and
 * {@link GroupedNotificationResource.GroupedPage}. Whatever the model cannot answer exactly (a page reaching below
 * its floor, {@code include_filtered}, filters that leave the entries read short, an account or a post it has not
 * rendered yet, a suspended account) is answered {@link Read#missed}: the caller reads MongoDB instead.
 */
@ApplicationScoped
public class RecentPages {

    /** Entries read beyond a v1 page, so a few filtered out still leave a full page. */
    private static final int SLACK = 10;

    private static final Logger LOG = Logger.getLogger(RecentPages.class);

    /**
     * For each group's members' set (KEYS[2..]), its count and its latest distinct accounts (up to ARGV[1]), the
     * silenced accounts (KEYS[1]) left out, or only the account ARGV[2] if not empty; nothing if a set is missing or
     * being rebuilt. Each account has at most one visible notification in a group (an undo withdraws it before the
     * action is taken again), so the members' accounts are its notifications.
     */
    private static final LuaScript GROUP_FACTS = new LuaScript("""
            local silenced = {}
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              silenced[id] = true
            end
            local wanted = tonumber(ARGV[1])
            local facts = {}
            for i = 2, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 or redis.call('ZSCORE', KEYS[i], '') then
                return {}
              end
              local count, samples = 0, {}
              if ARGV[2] ~= '' then
                if redis.call('ZSCORE', KEYS[i], ARGV[2]) and not silenced[ARGV[2]] then
                  count, samples[1] = 1, ARGV[2]
                end
              else
                count = redis.call('ZCARD', KEYS[i])
                for id in pairs(silenced) do
                  if redis.call('ZSCORE', KEYS[i], id) then
                    count = count - 1
                  end
                end
                local from = 0
                while #samples < wanted do
                  local latest = redis.call('ZREVRANGE', KEYS[i], from, from + 15)
                  for _, id in ipairs(latest) do
                    if not silenced[id] and #samples < wanted then
                      samples[#samples + 1] = id
                    end
                  end
                  if #latest < 16 then
                    break
                  end
                  from = from + 16
                end
              end
              facts[#facts + 1] = count
              facts[#facts + 1] = samples
            end
            return facts
            """);

    /** One connection per read, each served by one of Lettuce's I/O threads: reads spread over all of them. */
    private final RedisReads reads;
    private final Counter servedByRedis;
    private final Counter servedByMongo;
    private final Map<Miss, Counter> missed = new EnumMap<>(Miss.class);
    private final MongoPageReads mongoPageReads;

    public RecentPages(RedisReads reads, MeterRegistry meters, NotificationConfig config) {
        this.reads = reads;
        this.servedByRedis = meters.counter("social.notifications.pages", "source", "redis");
        this.servedByMongo = meters.counter("social.notifications.pages", "source", "mongodb");
        for (Miss miss : Miss.values()) {
            missed.put(miss, meters.counter("social.notifications.pages.missed", "reason", miss.tag()));
        }
        this.mongoPageReads = new MongoPageReads(config.notifications().mongoPageReads(),
                config.notifications().mongoPageWait(), meters.counter("social.notifications.pages", "source",
                "none-mongodb-busy"));
    }

    /**
     * Answers from the read model when it can, without blocking a thread (the page is put together where Redis's
     * replies arrive, on Lettuce's I/O threads), else (or if Redis fails) with {@code fromMongo} on a worker thread,
     * a few at a time (503 with Retry-After past the wait). Counted in {@code social.notifications.pages} by source,
     * and what the model missed in {@code social.notifications.pages.missed} by {@link Miss reason}.
     */
    public Uni<Response> serve(Supplier<CompletionStage<Read>> fromRedis, UriInfo uri, Supplier<Response> fromMongo) {
        return Uni.createFrom().completionStage(fromRedis)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Reading notifications from Redis failed, reading MongoDB: %s", failure.getMessage());
                    return Read.missed(Miss.REDIS_FAILED);
                })
                .onItem().transformToUni(read -> {
                    if (read.served()) {
                        servedByRedis.increment();
                        // one buffer: the answer goes out with its length, not in chunks
                        return Uni.createFrom().item(Response.ok(Buffer.buffer(read.json()))
                                .header("Link", LinkHeader.of(uri, read.ids())).build());
                    }
                    missed.get(read.miss()).increment();
                    return Uni.createFrom().item(() -> mongoPageReads.read(() -> {
                                servedByMongo.increment();
                                return fromMongo.get();
                            }, uri.getPath()))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }

    /** Why the read model could not answer a page (the caller reads MongoDB, which rebuilds what was missing). */
    public enum Miss {
        /** {@code include_filtered}: the model keeps only what the policy let through. */
        INCLUDE_FILTERED,
        /** The recipient's model has no floor: never built, or Redis lost it. */
        NOT_BUILT,
        /** The page may hold notifications older than the model's floor. */
        BELOW_FLOOR,
        /** A group's members' set is missing or being rebuilt (v2). */
        GROUP_INCOMPLETE,
        /** An account the page shows is not rendered in Redis. */
        ACCOUNT_MISSING,
        /** An account the page shows is suspended: MongoDB decides what is hidden. */
        ACCOUNT_SUSPENDED,
        /** A post the page shows has no template or its members were never copied. */
        POST_INCOMPLETE,
        /** A post the page shows was deleted: its notifications leave the model. */
        POST_DELETED,
        /** Redis did not answer. */
        REDIS_FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A page the read model answered outside {@link #serve} (by {@link RecentPagesRoute}). */
    void countServedByRedis() {
        servedByRedis.increment();
    }

    /** A page as JSON with its ids (newest first, for the Link header), or why the model missed it. */
    public record Read(String json, List<String> ids, Miss miss) {

        static Read missed(Miss miss) {
            return new Read(null, List.of(), miss);
        }

        public boolean served() {
            return miss == null;
        }
    }

    /** {@code GET /api/v1/notifications}. */
    public CompletionStage<Read> page(String recipientId, NotificationQuery query, PageRequest page) {
        if (query.includeFiltered()) {
            return CompletableFuture.completedFuture(Read.missed(Miss.INCLUDE_FILTERED));
        }
        int wanted = page.limit() + SLACK;
        Range<Long> range = Range.from(Range.Boundary.excluding(page.lowerBound()),
                Range.Boundary.excluding(page.upperBound()));
        String key = RecentNotifications.recentKey(recipientId);
        RedisReads.Connection connection = reads.connection();
        RedisClusterAsyncCommands<String, String> redis = connection.commands();
        CompletableFuture<List<String>> members = (page.readsUpward()
                ? redis.zrangebyscore(key, range, Limit.create(0, wanted))
                : redis.zrevrangebyscore(key, range, Limit.create(0, wanted))).toCompletableFuture();
        return read(connection, recipientId, members, (floor, silenced) -> {
            List<RecentEntry> entries = new ArrayList<>(page.limit());
            Predicate<RecentEntry> shown = shown(query, silenced);
            for (String member : members.join()) {
                RecentEntry entry = RecentEntry.decode(member);
                if (shown.test(entry) && entries.size() < page.limit()) {
                    entries.add(entry);
                }
            }
            boolean full = entries.size() == page.limit();
            boolean more = members.join().size() == wanted;
            // upward, the set's lowest entries are the page only if none below its floor could come first
            if (page.readsUpward() ? !completeAbove(page, floor) || !full && more
                    : !full && (more || !completeAbove(page, floor))) {
                return CompletableFuture.completedFuture(Selection.missed(Miss.BELOW_FLOOR));
            }
            if (page.readsUpward()) {
                Collections.reverse(entries);
            }
            return CompletableFuture.completedFuture(new Selection(entries, entries, actorsOf(entries), null));
        }, this::writeList);
    }

    /**
     * {@code GET /api/v2/notifications}: as {@link NotificationReader#groups} walks MongoDB, over the whole set; a
     * group of likes, reposts or follows is counted and sampled by its members' set, however far below the floor
     * it reaches (a third round trip).
     */
    public CompletionStage<Read> groups(String recipientId, NotificationQuery query, PageRequest page) {
        if (query.includeFiltered()) {
            return CompletableFuture.completedFuture(Read.missed(Miss.INCLUDE_FILTERED));
        }
        RedisReads.Connection connection = reads.connection();
        CompletableFuture<List<String>> members = connection.commands()
                .zrevrange(RecentNotifications.recentKey(recipientId), 0, -1).toCompletableFuture();
        return read(connection, recipientId, members, (floor, silenced) -> {
            Predicate<RecentEntry> shown = shown(query, silenced);
            Map<String, RecentEntry> newestOfGroup = new HashMap<>();
            List<RecentEntry> inRange = new ArrayList<>();
            for (String member : members.join()) {
                RecentEntry entry = RecentEntry.decode(member);
                if (shown.test(entry)) {
                    newestOfGroup.putIfAbsent(entry.groupKey(), entry);
                    long id = entry.idValue();
                    if (id > page.lowerBound() && id < page.upperBound()) {
                        inRange.add(entry);
                    }
                }
            }
            List<RecentEntry> heads = new ArrayList<>();
            Set<String> passed = new HashSet<>();
            int walked = Math.min(inRange.size(), page.limit() * NotificationReader.GROUP_SCAN_FACTOR);
            for (RecentEntry entry : inRange.subList(0, walked)) {
                if (heads.size() == page.limit()) {
                    break;
                }
                // a group is shown once, where its newest is; if that is on an earlier page, not here
                if (passed.add(entry.groupKey()) && newestOfGroup.get(entry.groupKey()) == entry) {
                    heads.add(entry);
                }
            }
            // a walk cut short stops where MongoDB's stops; one that ran out of entries needs all of them above
            if (heads.size() < page.limit() && walked == inRange.size() && !completeAbove(page, floor)) {
                return CompletableFuture.completedFuture(Selection.missed(Miss.BELOW_FLOOR));
            }
            return counted(connection, recipientId, query, heads);
        }, this::writeGroups);
    }

    /** Counts and samples the groups these entries head, from their members' sets; missed if one is not complete. */
    private CompletionStage<Selection> counted(RedisReads.Connection connection, String recipientId,
                                               NotificationQuery query, List<RecentEntry> heads) {
        List<RecentEntry> grouped = heads.stream().filter(head -> NotificationGrouping.grouped(head.groupKey()))
                .toList();
        CompletionStage<List<Object>> facts = grouped.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : GROUP_FACTS.call(connection, ScriptOutputType.MULTI, Stream.concat(
                        Stream.of(RecentNotifications.silencedKey(recipientId)), grouped.stream()
                                .map(head -> RecentNotifications.groupKey(recipientId, head.groupKey())))
                        .toArray(String[]::new), Integer.toString(NotificationReader.GROUP_SAMPLE_ACCOUNTS),
                        query.accountId() == null ? "" : query.accountId());
        return facts.thenApply(answer -> {
            if (answer.size() < 2 * grouped.size()) {
                // a set missing or being rebuilt: MongoDB answers, and the read that does rebuilds it
                return Selection.missed(Miss.GROUP_INCOMPLETE);
            }
            Map<RecentEntry, Group> counts = new HashMap<>();
            for (int i = 0; i < grouped.size(); i++) {
                @SuppressWarnings("unchecked")
                List<String> samples = (List<String>) answer.get(2 * i + 1);
                long count = (Long) answer.get(2 * i);
                if (count < 1 || samples.isEmpty()) {
                    return Selection.missed(Miss.GROUP_INCOMPLETE);
                }
                counts.put(grouped.get(i), new Group(grouped.get(i), count, samples));
            }
            List<Group> groups = heads.stream().map(head -> counts.getOrDefault(head,
                    new Group(head, 1, List.of(head.actorId())))).toList();
            Set<String> actors = new LinkedHashSet<>();
            groups.forEach(group -> actors.addAll(group.sampleAccountIds()));
            return new Selection(groups, heads, actors, null);
        });
    }

    /** A group as the v2 page shows it: its newest entry, how many it has, its latest distinct accounts. */
    private record Group(RecentEntry mostRecent, long count, List<String> sampleAccountIds) {
    }

    /**
     * What a page shows ({@code items}), the entries whose statuses it shows, and the accounts it shows; or why the
     * model cannot tell ({@code miss}).
     */
    private record Selection(List<?> items, List<RecentEntry> entries, Collection<String> actorIds, Miss miss) {

        static Selection missed(Miss miss) {
            return new Selection(List.of(), List.of(), List.of(), miss);
        }
    }

    private static Set<String> actorsOf(List<RecentEntry> entries) {
        Set<String> actors = new LinkedHashSet<>();
        entries.forEach(entry -> actors.add(entry.actorId()));
        return actors;
    }

    private interface Selector {
        /** @return a {@link Selection#missed} one if the model cannot tell what the page shows */
        CompletionStage<Selection> select(long floor, Set<String> silenced);
    }

    private interface Writer {
        Read write(Selection selection, Parts parts);
    }

    /**
     * The accounts' JSON by account id and the posts' hashes by post id, or why the model lacks one ({@code miss}).
     * Ids are time-ordered numbers (ADR 3), keyed as such: {@code String.hashCode} of such digits collides in a small
     * table.
     */
    private record Parts(Map<Long, String> accounts, Map<Long, RenderedPosts.Fields> posts, Miss miss) {

        static Parts missed(Miss miss) {
            return new Parts(Map.of(), Map.of(), miss);
        }

        String account(String id) {
            return accounts.get(Long.parseLong(id));
        }

        RenderedPosts.Fields post(String id) {
            return id == null ? null : posts.get(Long.parseLong(id));
        }
    }

    /** Both round trips: the entries (already asked for), the floor and the silenced accounts; then the parts. */
    private CompletionStage<Read> read(RedisReads.Connection connection, String recipientId,
                                       CompletableFuture<List<String>> members, Selector selector, Writer writer) {
        RedisClusterAsyncCommands<String, String> redis = connection.commands();
        CompletableFuture<String> floor = redis.hget(RecentNotifications.stateKey(recipientId),
                RecentNotifications.FLOOR).toCompletableFuture();
        CompletableFuture<Set<String>> silenced = redis.smembers(RecentNotifications.silencedKey(recipientId))
                .toCompletableFuture();
        connection.send();
        return CompletableFuture.allOf(members, floor, silenced).thenCompose(done -> {
            if (floor.join() == null) {
                return CompletableFuture.completedFuture(Read.missed(Miss.NOT_BUILT)); // MongoDB, which rebuilds it
            }
            return selector.select(Long.parseLong(floor.join()), silenced.join()).thenCompose(selection ->
                    selection.miss() != null ? CompletableFuture.completedFuture(Read.missed(selection.miss()))
                            : parts(connection, recipientId, selection).thenApply(parts ->
                            parts.miss() != null ? Read.missed(parts.miss()) : writer.write(selection, parts)));
        });
    }

    /** The accounts and posts a selection shows, or missed if any is missing, suspended or deleted. */
    private CompletionStage<Parts> parts(RedisReads.Connection connection, String recipientId, Selection selection) {
        RedisClusterAsyncCommands<String, String> redis = connection.commands();
        List<RecentEntry> entries = selection.entries();
        Collection<String> actorIds = selection.actorIds();
        Set<String> statusIds = new LinkedHashSet<>();
        entries.forEach(entry -> {
            if (entry.statusId() != null) {
                statusIds.add(entry.statusId());
            }
        });
        if (actorIds.isEmpty()) {
            return CompletableFuture.completedFuture(new Parts(Map.of(), Map.of(), null));
        }
        CompletableFuture<List<KeyValue<String, String>>> accountJson = redis.mget(actorIds.stream()
                .map(RenderedAccounts::key).toArray(String[]::new)).toCompletableFuture();
        String[] fields = RenderedPosts.readFields(recipientId);
        Map<String, CompletableFuture<List<KeyValue<String, String>>>> postFields = new HashMap<>();
        statusIds.forEach(id -> postFields.put(id, redis.hmget(RenderedPosts.key(id), fields).toCompletableFuture()));
        List<CompletableFuture<?>> all = new ArrayList<>(postFields.values());
        all.add(accountJson);
        connection.send();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Long, String> accounts = new HashMap<>();
            List<String> ids = new ArrayList<>(actorIds);
            List<KeyValue<String, String>> values = accountJson.join();
            for (int i = 0; i < ids.size(); i++) {
                KeyValue<String, String> value = values.get(i);
                if (!value.hasValue()) {
                    return Parts.missed(Miss.ACCOUNT_MISSING);
                }
                if (RenderedAccounts.SUSPENDED.equals(value.getValue())) {
                    return Parts.missed(Miss.ACCOUNT_SUSPENDED);
                }
                accounts.put(Long.parseLong(ids.get(i)), value.getValue());
            }
            Map<Long, RenderedPosts.Fields> posts = new HashMap<>();
            for (var post : postFields.entrySet()) {
                RenderedPosts.Fields found = RenderedPosts.Fields.of(post.getValue().join());
                if (!found.usable()) {
                    return Parts.missed(Miss.POST_INCOMPLETE);
                }
                if (found.deleted()) {
                    forgetAbout(redis, recipientId, post.getKey(), entries);
                    connection.send();
                    return Parts.missed(Miss.POST_DELETED);
                }
                posts.put(Long.parseLong(post.getKey()), found);
            }
            return new Parts(accounts, posts, null);
        });
    }

    /** A deleted post's notifications never come back (MongoDB hides them for good): they leave the set. */
    private static void forgetAbout(RedisClusterAsyncCommands<String, String> redis, String recipientId, String statusId,
                                    Collection<RecentEntry> entries) {
        entries.stream().filter(entry -> statusId.equals(entry.statusId())).forEach(entry -> {
            redis.zremrangebyscore(RecentNotifications.recentKey(recipientId),
                    Range.create(entry.idValue(), entry.idValue()));
            if (NotificationGrouping.grouped(entry.groupKey())) {
                redis.del(RecentNotifications.groupKey(recipientId, entry.groupKey()));
            }
        });
    }

    private Read writeList(Selection selection, Parts parts) {
        StringBuilder json = new StringBuilder(selection.entries().size() * 2048).append('[');
        List<String> ids = new ArrayList<>(selection.entries().size());
        for (RecentEntry entry : selection.entries()) {
            if (!ids.isEmpty()) {
                json.append(',');
            }
            entry.appendTo(json, parts.account(entry.actorId()), parts.post(entry.statusId()));
            ids.add(entry.id());
        }
        return new Read(json.append(']').toString(), ids, null);
    }

    @SuppressWarnings("unchecked")
    private Read writeGroups(Selection selection, Parts parts) {
        List<Group> groups = (List<Group>) selection.items();
        StringBuilder json = new StringBuilder(groups.size() * 2048).append("{\"accounts\":[");
        for (String actorId : selection.actorIds()) {
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(parts.account(actorId));
        }
        json.append("],\"statuses\":[");
        Set<String> listed = new HashSet<>();
        for (Group group : groups) {
            RenderedPosts.Fields post = parts.post(group.mostRecent().statusId());
            if (post != null && post.cached() && listed.add(group.mostRecent().statusId())) {
                StatusTemplate.appendStatus(json.append(listed.size() > 1 ? "," : ""), post.template(),
                        post.interactions());
            }
        }
        json.append("],\"notification_groups\":[");
        List<String> ids = new ArrayList<>(groups.size());
        for (Group group : groups) {
            RecentEntry head = group.mostRecent();
            json.append(ids.isEmpty() ? "" : ",").append("{\"group_key\":\"").append(head.groupKey())
                    .append("\",\"notifications_count\":").append(group.count())
                    .append(",\"type\":\"").append(head.type())
                    .append("\",\"most_recent_notification_id\":\"").append(head.id())
                    .append("\",\"latest_page_notification_at\":").append(head.createdAt())
                    .append(",\"sample_account_ids\":[");
            for (int i = 0; i < group.sampleAccountIds().size(); i++) {
                json.append(i > 0 ? ",\"" : "\"").append(group.sampleAccountIds().get(i)).append('"');
            }
            json.append("],\"status_id\":");
            if (head.statusId() == null) {
                json.append("null}");
            } else {
                json.append('"').append(head.statusId()).append("\"}");
            }
            ids.add(head.id());
        }
        return new Read(json.append("]}").toString(), ids, null);
    }

    private static Predicate<RecentEntry> shown(NotificationQuery query, Set<String> silenced) {
        Set<String> types = new HashSet<>();
        query.allowedTypes().forEach(type -> types.add(type.apiName()));
        return entry -> types.contains(entry.type()) && !silenced.contains(entry.actorId())
                && (query.accountId() == null || query.accountId().equals(entry.actorId()));
    }

    /** Every notification a page may show is in the set: none is older than the floor. */
    private static boolean completeAbove(PageRequest page, long floor) {
        return page.lowerBound() >= floor - 1;
    }
}
