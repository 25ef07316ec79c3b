package org.socialfeed.notification.marker;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The read markers, one document per user and timeline. Moving one is a single conditional update ("only if the
 * stored id is lower"), so two devices marking at once both succeed, the higher id wins, and the marker never moves
 * backwards; {@code version} counts the moves, as Mastodon's does.
 */
@ApplicationScoped
public class MarkerRepository {

    private final Map<Timeline, MongoCollection<Document>> markers = new EnumMap<>(Timeline.class);

    public MarkerRepository(MongoDatabase database) {
        for (Timeline timeline : Timeline.values()) {
            markers.put(timeline, database.getCollection(timeline.collection()));
        }
    }

    public Optional<Marker> get(String userId, Timeline timeline) {
        return Optional.ofNullable(markers.get(timeline).find(Filters.eq("_id", userId)).first())
                .map(MarkerRepository::fromDocument);
    }

    /** Moves the marker forward to {@code lastReadId}; a lower or equal id leaves it where it is. */
    public Marker advance(String userId, Timeline timeline, long lastReadId) {
        // A duplicate key means the upsert found a marker at or above lastReadId, which stays as it is, or lost the
        // race to create the first one; the second attempt then finds the other device's marker and moves it if lower.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                markers.get(timeline).updateOne(
                        Filters.and(Filters.eq("_id", userId), Filters.lt("lastReadId", lastReadId)),
                        Updates.combine(Updates.set("lastReadId", lastReadId), Updates.inc("version", 1L),
                                Updates.set("updatedAt", new Date())),
                        new UpdateOptions().upsert(true));
                break;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return get(userId, timeline).orElseThrow();
    }

    private static Marker fromDocument(Document document) {
        return new Marker(document.getLong("lastReadId"), document.getLong("version"),
                document.getDate("updatedAt").toInstant());
    }

    /** Where a user stopped reading a timeline. */
    public record Marker(long lastReadId, long version, Instant updatedAt) {
    }
}
