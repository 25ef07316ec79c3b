package org.socialfeed.notification.marker;

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

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The notifications read marker, one document per user. Moving it is a single conditional update ("only if the
 * stored id is lower"), so two devices marking at once both succeed, the higher id wins, and the marker never moves
 * backwards; {@code version} counts the moves, as Mastodon's does.
 */
@ApplicationScoped
public class MarkerRepository {

    private final MongoCollection<Document> markers;

    public MarkerRepository(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.markers = client.getDatabase(database).getCollection("markers");
    }

    public Optional<Marker> get(String userId) {
        return Optional.ofNullable(markers.find(Filters.eq("_id", userId)).first()).map(MarkerRepository::fromDocument);
    }

    /** Moves the marker forward to {@code lastReadId}; a lower or equal id leaves it where it is. */
    public Marker advance(String userId, long lastReadId) {
        try {
            markers.updateOne(Filters.and(Filters.eq("_id", userId), Filters.lt("lastReadId", lastReadId)),
                    Updates.combine(Updates.set("lastReadId", lastReadId), Updates.inc("version", 1L),
                            Updates.set("updatedAt", new Date())),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the upsert found a marker at or above lastReadId (or lost a race to create it): it stays as it is
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return get(userId).orElseThrow();
    }

    private static Marker fromDocument(Document document) {
        return new Marker(document.getLong("lastReadId"), document.getLong("version"),
                document.getDate("updatedAt").toInstant());
    }

    /** Where a user stopped reading their notifications. */
    public record Marker(long lastReadId, long version, Instant updatedAt) {
    }
}
