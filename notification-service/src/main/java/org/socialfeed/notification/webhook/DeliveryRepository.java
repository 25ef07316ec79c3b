package org.socialfeed.notification.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhook_deliveries} collection: one document per (endpoint, notification), which is both the retry
 * queue and the delivery log. Its id makes enqueueing idempotent; its {@code leaseUntil} lets exactly one
 * dispatcher (of any instance) work on it at a time.
 */
@ApplicationScoped
public class DeliveryRepository {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String ABANDONED = "abandoned";

    private final MongoCollection<Document> deliveries;

    public DeliveryRepository(MongoDatabase database) {
        this.deliveries = database.getCollection("webhook_deliveries");
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"));
        deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending("endpointId"), Indexes.descending("createdAt")));
    }

    /** Queues the delivery of {@code payload}; queueing it again does nothing. */
    public void enqueue(long endpointId, long notificationId, String payload, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", endpointId + ":" + notificationId)
                    .append("endpointId", endpointId).append("notificationId", notificationId)
                    .append("messageId", "msg_" + notificationId + "_" + endpointId)
                    .append("payload", payload).append("status", PENDING).append("attemptCount", 0)
                    .append("attempts", List.of()).append("nextAttemptAt", Date.from(now))
                    .append("leaseUntil", new Date(0)).append("createdAt", Date.from(now)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Pending deliveries whose time has come and that nobody works on. */
    public List<Delivery> due(Instant now, int limit) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now)),
                        Filters.lte("leaseUntil", Date.from(now))))
                .sort(Sorts.ascending("nextAttemptAt")).limit(limit)
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    /** Takes the delivery for one attempt until {@code leaseUntil}, unless someone else took it first. */
    public Optional<Delivery> claim(String id, Instant now, Instant leaseUntil) {
        return Optional.ofNullable(deliveries.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                        Filters.eq("status", PENDING), Filters.lte("leaseUntil", Date.from(now))),
                Updates.set("leaseUntil", Date.from(leaseUntil)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(DeliveryRepository::fromDocument);
    }

    /** Logs an attempt and moves the delivery to {@code status}, retrying at {@code nextAttemptAt} if pending. */
    public void recordAttempt(String id, Attempt attempt, String status, Instant nextAttemptAt) {
        deliveries.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.push("attempts", new Document("at", Date.from(attempt.at()))
                        .append("statusCode", attempt.statusCode()).append("error", attempt.error())
                        .append("durationMs", attempt.durationMs())),
                Updates.inc("attemptCount", 1), Updates.set("status", status),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt)), Updates.set("leaseUntil", new Date(0))));
    }

    public void abandon(String id, String reason) {
        deliveries.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", ABANDONED),
                Updates.set("error", reason), Updates.set("leaseUntil", new Date(0))));
    }

    /** An endpoint's delivery log, newest first. */
    public List<Delivery> ofEndpoint(long endpointId, int limit) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.eq("endpointId", endpointId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    public void deleteOfEndpoint(long endpointId) {
        deliveries.deleteMany(Filters.eq("endpointId", endpointId));
    }

    private static Delivery fromDocument(Document document) {
        List<Attempt> attempts = document.getList("attempts", Document.class, List.of()).stream()
                .map(a -> new Attempt(a.getDate("at").toInstant(), a.getInteger("statusCode"), a.getString("error"),
                        a.getLong("durationMs")))
                .toList();
        return new Delivery(document.getString("_id"), document.getLong("endpointId"),
                document.getLong("notificationId"), document.getString("messageId"), document.getString("payload"),
                document.getString("status"), document.getString("error"), attempts,
                document.getDate("nextAttemptAt").toInstant(), document.getDate("createdAt").toInstant());
    }

    /** One delivery of one notification to one endpoint, with its attempts so far. */
    public record Delivery(String id, long endpointId, long notificationId, String messageId, String payload,
                           String status, String error, List<Attempt> attempts, Instant nextAttemptAt,
                           Instant createdAt) {
    }

    /** One HTTP attempt: the status code the receiver answered, or the error that prevented an answer. */
    public record Attempt(Instant at, Integer statusCode, String error, long durationMs) {
    }
}
