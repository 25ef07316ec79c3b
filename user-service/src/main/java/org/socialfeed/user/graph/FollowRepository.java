package org.socialfeed.user.graph;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.outbox.OutboxOwner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code follows} collection: one document per (follower, followee) pair, id {@code followerId:followeeId},
 * the same key as the compacted Kafka topic. An unfollow keeps the document with state {@code removed}, so the
 * outbox that carries the unfollow event survives the change.
 * <p>
 * A state change that changes the counters records a pending counter operation ({@code pendingCounts}) in the same
 * write as the state and the event; {@link FollowCounts} applies it to both accounts and then removes it, and its
 * repair job finishes operations a crash left behind.
 */
@ApplicationScoped
@Startup
public class FollowRepository implements OutboxOwner {

    public static final String ACCEPTED = "accepted";
    public static final String REQUESTED = "requested";
    public static final String REMOVED = "removed";
    private static final Set<String> STATES = Set.of(ACCEPTED, REQUESTED, REMOVED);
    static final String PENDING_COUNTS = "pendingCounts";

    /** Which side of the follows of an account a list reads. */
    public enum Side {
        /** The accounts that follow it. */
        FOLLOWERS("followeeId", "followerId"),
        /** The accounts it follows. */
        FOLLOWING("followerId", "followeeId");

        final String ownerField;
        final String otherField;

        Side(String ownerField, String otherField) {
            this.ownerField = ownerField;
            this.otherField = otherField;
        }

        public long other(Follow follow) {
            return this == FOLLOWERS ? follow.followerId() : follow.followeeId();
        }
    }

    /** What a transition did: whether the state changed, and the counter operation to apply if it has one. */
    public record Change(boolean changed, String countOperation, long countDelta) {
        static final Change NONE = new Change(false, null, 0);
    }

    private final MongoCollection<Document> follows;
    private final SnowflakeIds ids;

    public FollowRepository(MongoDatabase database, SnowflakeIds ids) {
        this.follows = database.getCollection("follows");
        this.ids = ids;
    }

    @PostConstruct
    void createIndexes() {
        // follower and following lists, newest follow first
        follows.createIndex(Indexes.compoundIndex(Indexes.ascending("followeeId", "state"), Indexes.descending("seq")));
        follows.createIndex(Indexes.compoundIndex(Indexes.ascending("followerId", "state"), Indexes.descending("seq")));
        follows.createIndex(Indexes.ascending(PENDING_COUNTS + ".createdAt"), new IndexOptions().sparse(true));
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(collection());
    }

    public MongoCollection<Document> collection() {
        return follows;
    }

    public static String key(long followerId, long followeeId) {
        return FollowRemoved.key(Long.toString(followerId), Long.toString(followeeId));
    }

    /**
     * Moves the pair from one of {@code from} (a missing document counts as {@link #REMOVED}) into {@code to},
     * storing the event and, if {@code countDelta} is not 0, a pending counter operation in the same write.
     * Entering {@link #ACCEPTED} or {@link #REQUESTED} starts a new follow with a new {@code seq}.
     *
     * @param options the follow's notify/reblogs options to store, or null to keep them
     */
    public Change transition(long followerId, long followeeId, Set<String> from, String to, FollowOptions options,
                             OutgoingEvent event, long countDelta) {
        String id = key(followerId, followeeId);
        Instant now = Instant.now();
        List<Bson> update = new ArrayList<>(List.of(
                Updates.set("state", to),
                Updates.set("followerId", followerId),
                Updates.set("followeeId", followeeId),
                Updates.set("updatedAt", Date.from(now)),
                Outbox.append(List.of(event))));
        if (!REMOVED.equals(to)) {
            update.add(Updates.set("seq", ids.next()));
        }
        if (options != null) {
            update.add(Updates.set("notify", options.notifyOfPosts()));
            update.add(Updates.set("reblogs", options.showReblogs()));
        }
        String operation = null;
        if (countDelta != 0) {
            operation = id + "#" + UUID.randomUUID();
            update.add(Updates.push(PENDING_COUNTS, new Document("op", operation).append("delta", countDelta)
                    .append("createdAt", Date.from(now))));
        }
        List<String> otherStates = new ArrayList<>(STATES);
        otherStates.removeAll(from);
        try {
            var result = follows.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.nin("state", otherStates)),
                    Updates.combine(update),
                    new UpdateOptions().upsert(from.contains(REMOVED)));
            boolean changed = result.getModifiedCount() > 0 || result.getUpsertedId() != null;
            return changed ? new Change(true, operation, countDelta) : Change.NONE;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Change.NONE; // the upsert raced with a document in another state
            }
            throw e;
        }
    }

    /**
     * Changes the options of a follow that is in {@code state}, with {@code event} (may be null) in the same write.
     *
     * @return false if the follow is not in that state or already had these options
     */
    public boolean changeOptions(long followerId, long followeeId, String state, FollowOptions options,
                                 OutgoingEvent event) {
        List<Bson> update = new ArrayList<>(List.of(
                Updates.set("notify", options.notifyOfPosts()),
                Updates.set("reblogs", options.showReblogs()),
                Updates.set("updatedAt", new Date())));
        if (event != null) {
            update.add(Outbox.append(List.of(event)));
        }
        return follows.updateOne(Filters.and(Filters.eq("_id", key(followerId, followeeId)), Filters.eq("state", state),
                        Filters.or(Filters.ne("notify", options.notifyOfPosts()),
                                Filters.ne("reblogs", options.showReblogs()))),
                Updates.combine(update)).getModifiedCount() > 0;
    }

    public Optional<Follow> find(long followerId, long followeeId) {
        return Optional.ofNullable(follows.find(Filters.eq("_id", key(followerId, followeeId)))
                .projection(READ).first()).map(FollowRepository::toFollow);
    }

    /** The pairs among {@code keys} that have a document, by key. */
    public Map<String, Follow> findAll(Collection<String> keys) {
        Map<String, Follow> found = new HashMap<>();
        follows.find(Filters.in("_id", keys)).projection(READ).forEach(document ->
                found.put(document.getString("_id"), toFollow(document)));
        return found;
    }

    /** One page of an account's follows in {@code state}, newest follow first, by {@code seq}. */
    public List<Follow> page(Side side, long accountId, String state, PageRequest page) {
        return MongoPages.read(follows, Filters.and(Filters.eq(side.ownerField, accountId), Filters.eq("state", state)),
                READ, "seq", page, FollowRepository::toFollow);
    }

    /** Follow documents whose counter operations have waited longer than they should. */
    List<Document> withPendingCounts(Instant olderThan, int limit) {
        List<Document> found = new ArrayList<>();
        follows.find(Filters.elemMatch(PENDING_COUNTS, Filters.lt("createdAt", Date.from(olderThan))))
                .projection(Projections.include("followerId", "followeeId", PENDING_COUNTS))
                .limit(limit).forEach(found::add);
        return found;
    }

    void clearPendingCount(String followKey, String operation) {
        follows.updateOne(Filters.eq("_id", followKey), Updates.pull(PENDING_COUNTS, new Document("op", operation)));
    }

    /**
     * An accepted follow as stored, already counted: for bulk imports, whose counters are then set in one
     * {@code $inc} per account.
     */
    public static Document acceptedFollow(long followerId, long followeeId, long seq) {
        return new Document("_id", key(followerId, followeeId)).append("state", ACCEPTED)
                .append("followerId", followerId).append("followeeId", followeeId).append("seq", seq)
                .append("notify", false).append("reblogs", true).append("updatedAt", new Date());
    }

    private static final Bson READ = Projections.exclude(Outbox.FIELD, PENDING_COUNTS);

    private static Follow toFollow(Document document) {
        return new Follow(document.getLong("followerId"), document.getLong("followeeId"), document.getString("state"),
                document.get("seq", Number.class) == null ? 0 : document.get("seq", Number.class).longValue(),
                document.getBoolean("notify", false), document.getBoolean("reblogs", true));
    }
}
