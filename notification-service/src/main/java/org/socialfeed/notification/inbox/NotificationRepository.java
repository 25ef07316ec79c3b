package org.socialfeed.notification.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.AccountRef;
import org.socialfeed.notification.config.OneTimeMigrations;
import org.socialfeed.notification.config.RetiredIndexes;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.outbox.OutboxOwner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code notifications} collection. A notification is never deleted by a read-side action: dismissing,
 * an undo, a deleted post or a suspended actor set a flag that hides it, so a redelivered event still finds its
 * notification (by the unique {@code dedupKey}) and does not create it again. While an action (a like, a repost, a
 * follow) can still be undone, its notification carries the action's key in the unique, sparse {@code undoableBy},
 * so the undo finds it by that key (ADR 23); the undo removes it, so the action may be taken and notified again.
 */
@ApplicationScoped
public class NotificationRepository implements OutboxOwner {

    static final String DISMISSED = "dismissed";
    static final String UNDONE = "undone";
    static final String STATUS_DELETED = "statusDeleted";
    static final String ACTOR_SUSPENDED = "actorSuspended";
    static final String UNDOABLE_BY = "undoableBy";
    static final List<String> HIDING_FLAGS = List.of(DISMISSED, UNDONE, STATUS_DELETED, ACTOR_SUSPENDED);
    /** A group's sample accounts are looked for among its latest {@code samples} times this many notifications. */
    static final int SAMPLE_SCAN_FACTOR = 10;
    private static final Bson GROUPABLE = Filters.in("type", Arrays.stream(NotificationType.values())
            .filter(NotificationType::groupable).map(NotificationType::apiName).toList());

    private final MongoCollection<Document> notifications;

    public NotificationRepository(MongoDatabase database, OneTimeMigrations migrations) {
        this.notifications = database.getCollection("notifications");
        notifications.createIndex(Indexes.ascending("dedupKey"), new IndexOptions().unique(true));
        notifications.createIndex(Indexes.ascending(UNDOABLE_BY), new IndexOptions().unique(true).sparse(true));
        migrations.runOnce("notifications-undoableBy", this::keyUndoableNotifications);
        notifications.createIndex(Indexes.compoundIndex(Indexes.ascending("recipientId"), Indexes.descending("_id")));
        notifications.createIndex(Indexes.compoundIndex(Indexes.ascending("recipientId", "groupKey"),
                Indexes.descending("_id")));
        notifications.createIndex(Indexes.ascending("actorId"));
        RetiredIndexes.drop(notifications, "recipientId_1_undoKey_1"); // undos find undoableBy now
        notifications.createIndex(Indexes.ascending("statusId"));
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(collection());
    }

    public MongoCollection<Document> collection() {
        return notifications;
    }

    /** Notifications stored before {@code undoableBy} existed get it, unless undone (or a later one has it). */
    private void keyUndoableNotifications() {
        notifications.find(Filters.and(Filters.ne("undoKey", null), Filters.ne(UNDONE, true),
                        Filters.exists(UNDOABLE_BY, false))).projection(Projections.include("undoKey"))
                .forEach(document -> {
                    try {
                        notifications.updateOne(Filters.eq("_id", document.get("_id")),
                                Updates.set(UNDOABLE_BY, document.getString("undoKey")));
                    } catch (MongoWriteException e) {
                        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                            throw e;
                        }
                    }
                });
    }

    /**
     * Stores the notification with its outbox in one write.
     *
     * @return empty if stored; else the notification already standing for it: the one with the same
     *         {@code dedupKey} (the event was seen before), or the one an action still open made (the same like
     *         announced twice)
     * @throws MongoWriteException with a duplicate key on {@code _id} (an id clash: retry with another id)
     */
    public Optional<Notification> insert(Notification notification, NotificationDraft draft,
                                         List<OutgoingEvent> outbox) {
        try {
            notifications.insertOne(document(notification, draft, outbox));
            return Optional.empty();
        } catch (MongoWriteException e) {
            Optional<Notification> existing = e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                    ? standingFor(draft) : Optional.empty();
            if (existing.isEmpty()) {
                throw e;
            }
            return existing;
        }
    }

    /** The notification already standing for the draft, after an insert met a duplicate key. */
    public Optional<Notification> standingFor(NotificationDraft draft) {
        Optional<Notification> existing = findByDedupKey(draft.dedupKey());
        if (existing.isEmpty() && draft.undoKey() != null) {
            existing = Optional.ofNullable(notifications.find(Filters.eq(UNDOABLE_BY, draft.undoKey())).first())
                    .map(NotificationRepository::fromDocument);
        }
        return existing;
    }

    private static Document document(Notification notification, NotificationDraft draft, List<OutgoingEvent> outbox) {
        Document document = new Document("_id", notification.id())
                .append("recipientId", notification.recipientId())
                .append("type", notification.type().apiName())
                .append("actorId", notification.actor().id())
                .append("actor", new Document("id", notification.actor().id())
                        .append("username", notification.actor().username())
                        .append("displayName", notification.actor().displayName()))
                .append("statusId", notification.statusId())
                .append("groupKey", notification.groupKey())
                .append("dedupKey", draft.dedupKey())
                .append("undoKey", draft.undoKey())
                .append("createdAt", Date.from(notification.createdAt()))
                .append("filtered", notification.filtered())
                .append(Outbox.FIELD, Outbox.field(outbox));
        if (draft.undoKey() != null) {
            document.append(UNDOABLE_BY, draft.undoKey());
        }
        return document;
    }

    /**
     * A notification about to be stored, with the draft it answers, its push records, and whether it opens its
     * group (is its first member).
     */
    public record NewNotification(Notification notification, NotificationDraft draft, List<OutgoingEvent> outbox,
                                  boolean opensGroup) {
    }

    /**
     * Stores notifications with their outboxes in one unordered bulk insert.
     *
     * @return the positions of those not stored (a duplicate key): the caller {@link #insert}s them one by one
     */
    public Set<Integer> insertAll(List<NewNotification> batch) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        try {
            notifications.insertMany(batch.stream().map(item -> document(item.notification(), item.draft(),
                    item.outbox())).toList(), new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            Set<Integer> failed = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                failed.add(error.getIndex());
            }
            return failed;
        }
    }

    public Optional<Notification> findByDedupKey(String dedupKey) {
        return Optional.ofNullable(findByDedupKeys(List.of(dedupKey)).get(dedupKey));
    }

    /** The notifications stored for any of {@code dedupKeys}, by key, in one read. */
    public Map<String, Notification> findByDedupKeys(Collection<String> dedupKeys) {
        Map<String, Notification> found = new HashMap<>();
        if (!dedupKeys.isEmpty()) {
            notifications.find(Filters.in("dedupKey", dedupKeys)).forEach(document ->
                    found.put(document.getString("dedupKey"), fromDocument(document)));
        }
        return found;
    }

    /** A reply notification becomes a mention when the reply turns out to mention its recipient too. */
    public void changeType(long id, NotificationType to) {
        notifications.updateOne(Filters.eq("_id", id), Updates.set("type", to.apiName()));
    }

    /** A page of the recipient's notifications, newest first, with Mastodon's cursors. */
    public List<Notification> page(String recipientId, NotificationQuery query, PageRequest page) {
        return MongoPages.read(notifications, query.filter(recipientId), null, "_id", page,
                NotificationRepository::fromDocument);
    }

    /** Notifications newer than {@code afterId}, oldest first: what an SSE client that reconnects missed. */
    public List<Notification> after(String recipientId, NotificationQuery query, long afterId, int limit) {
        List<Notification> found = new ArrayList<>();
        notifications.find(Filters.and(query.filter(recipientId), Filters.gt("_id", afterId)))
                .sort(Sorts.ascending("_id")).limit(limit).forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    /**
     * The recipient's notifications between the bounds (exclusive), newest first, at most {@code max}: the raw
     * material the grouped view walks.
     */
    public Iterable<Notification> newestFirst(String recipientId, NotificationQuery query, long lowerBound,
                                              long upperBound, int max) {
        return notifications.find(Filters.and(query.filter(recipientId), Filters.gt("_id", lowerBound),
                        Filters.lt("_id", upperBound))).sort(Sorts.descending("_id")).limit(max)
                .map(NotificationRepository::fromDocument);
    }

    /**
     * The recipient's newest unfiltered notifications, newest first, as the Redis read model keeps them: the visible
     * ones and those hidden only because their account is suspended (reads check suspension, and a reinstatement
     * shows them again).
     */
    public List<Notification> newestShowable(String recipientId, int max) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq("recipientId", recipientId));
        HIDING_FLAGS.stream().filter(flag -> !flag.equals(ACTOR_SUSPENDED))
                .forEach(flag -> conditions.add(Filters.ne(flag, true)));
        conditions.add(Filters.ne("filtered", true));
        List<Notification> found = new ArrayList<>();
        notifications.find(Filters.and(conditions)).sort(Sorts.descending("_id")).limit(max)
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    /** How many notifications the policy kept aside, and from how many accounts. */
    public long[] filteredSummary(String recipientId, NotificationQuery query) {
        Bson filter = Filters.and(query.filter(recipientId), Filters.eq("filtered", true));
        long count = notifications.countDocuments(filter);
        Set<String> actors = new LinkedHashSet<>();
        notifications.distinct("actorId", filter, String.class).forEach(actors::add);
        return new long[]{count, actors.size()};
    }

    public Optional<Notification> find(String recipientId, NotificationQuery query, long id) {
        return Optional.ofNullable(notifications.find(Filters.and(query.filter(recipientId), Filters.eq("_id", id)))
                .first()).map(NotificationRepository::fromDocument);
    }

    public long count(String recipientId, NotificationQuery query, long afterId, int limit) {
        return notifications.countDocuments(Filters.and(query.filter(recipientId), Filters.gt("_id", afterId)),
                new com.mongodb.client.model.CountOptions().limit(limit));
    }

    /** How many groups the recipient's notifications newer than {@code afterId} form, counted up to {@code limit}. */
    public long countGroups(String recipientId, NotificationQuery query, long afterId, long limit) {
        long groups = 0;
        for (String ignored : notifications.distinct("groupKey",
                Filters.and(query.filter(recipientId), Filters.gt("_id", afterId)), String.class)) {
            if (++groups == limit) {
                break;
            }
        }
        return groups;
    }

    /** @return the notification, if the recipient had it (dismissing twice is fine) */
    public Optional<Notification> dismiss(String recipientId, long id) {
        return Optional.ofNullable(notifications.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                Filters.eq("recipientId", recipientId)), Updates.set(DISMISSED, true)))
                .map(NotificationRepository::fromDocument);
    }

    /** @return the keys of the groups (of groupable types) that had notifications not dismissed before */
    public Set<String> dismissAll(String recipientId) {
        Bson notDismissed = Filters.and(Filters.eq("recipientId", recipientId), Filters.ne(DISMISSED, true));
        Set<String> groupKeys = new HashSet<>();
        notifications.distinct("groupKey", Filters.and(notDismissed, GROUPABLE), String.class)
                .forEach(groupKeys::add);
        notifications.updateMany(notDismissed, Updates.set(DISMISSED, true));
        return groupKeys;
    }

    /**
     * Withdraws what undone actions caused (an unlike withdraws the like's notification), found by their keys.
     *
     * @return the notifications withdrawn now
     */
    public List<Notification> undo(String recipientId, List<String> undoKeys) {
        List<Notification> withdrawn = new ArrayList<>();
        notifications.find(Filters.in(UNDOABLE_BY, undoKeys)).forEach(document -> {
            if (recipientId.equals(document.getString("recipientId"))) {
                withdrawn.add(fromDocument(document));
            }
        });
        if (!withdrawn.isEmpty()) {
            notifications.updateMany(Filters.in("_id", withdrawn.stream().map(Notification::id).toList()),
                    Updates.combine(Updates.set(UNDONE, true), Updates.unset(UNDOABLE_BY)));
        }
        return withdrawn;
    }

    public void hideAboutStatus(String statusId) {
        notifications.updateMany(Filters.eq("statusId", statusId), Updates.set(STATUS_DELETED, true));
    }

    /** @return the groups the actor's groupable notifications belong to, by recipient */
    public Map<String, Set<String>> setActorSuspended(String actorId, boolean suspended) {
        Map<String, Set<String>> groups = new HashMap<>();
        notifications.find(Filters.and(Filters.eq("actorId", actorId), GROUPABLE))
                .projection(Projections.include("recipientId", "groupKey"))
                .forEach(document -> groups.computeIfAbsent(document.getString("recipientId"), id -> new HashSet<>())
                        .add(document.getString("groupKey")));
        notifications.updateMany(Filters.eq("actorId", actorId), Updates.set(ACTOR_SUSPENDED, suspended));
        return groups;
    }

    /**
     * The visible notifications of a group, suspended accounts' left out and silenced accounts' included: what
     * the read model counts a group by.
     */
    public List<Notification> groupMembers(String recipientId, String groupKey) {
        List<Notification> members = new ArrayList<>();
        notifications.find(Filters.and(NotificationQuery.everything(Set.of()).filter(recipientId),
                Filters.eq("groupKey", groupKey))).forEach(document -> members.add(fromDocument(document)));
        return members;
    }

    /** The newest visible notification of a group. */
    public Optional<Notification> groupHead(String recipientId, NotificationQuery query, String groupKey) {
        return Optional.ofNullable(notifications.find(Filters.and(query.filter(recipientId),
                        Filters.eq("groupKey", groupKey))).sort(Sorts.descending("_id")).first())
                .map(NotificationRepository::fromDocument);
    }

    /** Counts the visible notifications of a group and lists its latest distinct actors. */
    public GroupSummary groupSummary(String recipientId, NotificationQuery query, String groupKey, int samples) {
        Bson filter = Filters.and(query.filter(recipientId), Filters.eq("groupKey", groupKey));
        long count = notifications.countDocuments(filter);
        Set<String> actors = new LinkedHashSet<>();
        List<AccountRef> refs = new ArrayList<>();
        // the latest actors are among the latest notifications: a large group is not read whole
        for (Document document : notifications.find(filter).sort(Sorts.descending("_id"))
                .projection(new Document("actor", 1)).limit(samples * SAMPLE_SCAN_FACTOR)) {
            Document actor = document.get("actor", Document.class);
            if (actors.size() < samples && actors.add(actor.getString("id"))) {
                refs.add(new AccountRef(actor.getString("id"), actor.getString("username"),
                        actor.getString("displayName")));
            }
        }
        return new GroupSummary(count, refs);
    }

    /** What the grouped view shows of a group besides its newest notification. */
    public record GroupSummary(long count, List<AccountRef> sampleActors) {
    }

    static Notification fromDocument(Document document) {
        Document actor = document.get("actor", Document.class);
        return new Notification(document.getLong("_id"), document.getString("recipientId"),
                NotificationType.fromApiName(document.getString("type")).orElseThrow(),
                new AccountRef(actor.getString("id"), actor.getString("username"), actor.getString("displayName")),
                document.getString("statusId"), document.getString("groupKey"),
                document.getDate("createdAt").toInstant(), Boolean.TRUE.equals(document.getBoolean("filtered")));
    }
}
