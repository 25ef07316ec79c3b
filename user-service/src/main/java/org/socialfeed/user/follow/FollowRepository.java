package org.socialfeed.user.follow;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.Outbox;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code follows} collection: one document per (follower, followee) pair, id {@code followerId:followeeId},
 * the same key as the compacted Kafka topic. An unfollow keeps the document with state {@code removed}, so the
 * outbox that carries the unfollow event survives the change.
 */
@ApplicationScoped
public class FollowRepository {

    public static final String ACCEPTED = "accepted";
    public static final String REMOVED = "removed";

    private final MongoCollection<Document> follows;

    public FollowRepository(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.follows = client.getDatabase(database).getCollection("follows");
    }

    public MongoCollection<Document> collection() {
        return follows;
    }

    public static String key(long followerId, long followeeId) {
        return FollowRemoved.key(Long.toString(followerId), Long.toString(followeeId));
    }

    /**
     * Moves the pair into {@code state} with its event, unless it is already there.
     *
     * @return true if the state changed (and the event was stored), false if it already was in that state
     */
    public boolean transition(long followerId, long followeeId, String state, OutgoingEvent event) {
        String id = key(followerId, followeeId);
        try {
            var result = follows.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.ne("state", state)),
                    Updates.combine(
                            Updates.set("state", state),
                            Updates.set("followerId", followerId),
                            Updates.set("followeeId", followeeId),
                            Updates.set("updatedAt", new Date()),
                            Outbox.append(List.of(event))),
                    new UpdateOptions().upsert(!REMOVED.equals(state)));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the upsert raced with a document already in that state
            }
            throw e;
        }
    }

    /** The state of each pair among {@code keys} that has a document. */
    public Map<String, String> states(Collection<String> keys) {
        Map<String, String> states = new HashMap<>();
        follows.find(Filters.in("_id", keys)).forEach(document ->
                states.put(document.getString("_id"), document.getString("state")));
        return states;
    }
}
