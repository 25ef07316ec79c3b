package org.socialfeed.notification.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.socialfeed.notification.inbox.NotificationType;
import org.socialfeed.notification.policy.UserSettingsRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code webhooks} collection: registered endpoints and their health. Each owner's settings document lists the
 * ids of their endpoints, so a new notification finds its recipient's endpoints by id (ADR 23): listed after the
 * endpoint is stored, unlisted after it is deleted.
 */
@ApplicationScoped
public class WebhookRepository {

    private final MongoCollection<Document> endpoints;
    private final UserSettingsRepository settings;

    public WebhookRepository(MongoDatabase database, UserSettingsRepository settings) {
        this.endpoints = database.getCollection("webhooks");
        this.settings = settings;
        endpoints.createIndex(Indexes.ascending("ownerId"));
    }

    /** Lists the endpoints created before the settings listed them (once per start: few, and idempotent). */
    void listRegistered(@Observes StartupEvent start) {
        endpoints.find().projection(Projections.include("ownerId")).forEach(endpoint ->
                settings.addTarget(endpoint.getString("ownerId"), UserSettingsRepository.Target.WEBHOOKS,
                        endpoint.getLong("_id")));
    }

    public void insert(WebhookEndpoint endpoint) {
        endpoints.insertOne(new Document("_id", endpoint.id()).append("ownerId", endpoint.ownerId())
                .append("url", endpoint.url()).append("secret", endpoint.secret())
                .append("types", endpoint.types().stream().map(NotificationType::apiName).sorted().toList())
                .append("enabled", endpoint.enabled()).append("consecutiveFailures", 0)
                .append("createdAt", Date.from(endpoint.createdAt())));
        settings.addTarget(endpoint.ownerId(), UserSettingsRepository.Target.WEBHOOKS, endpoint.id());
    }

    /** The endpoints among {@code ids} (their owner's settings list them), by id. */
    public List<WebhookEndpoint> byIds(Collection<Long> ids) {
        List<WebhookEndpoint> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            endpoints.find(Filters.in("_id", ids)).sort(Sorts.ascending("_id"))
                    .forEach(document -> found.add(fromDocument(document)));
        }
        return found;
    }

    public List<WebhookEndpoint> ofOwner(String ownerId) {
        List<WebhookEndpoint> found = new ArrayList<>();
        endpoints.find(Filters.eq("ownerId", ownerId)).sort(Sorts.ascending("_id"))
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    public long countOfOwner(String ownerId) {
        return endpoints.countDocuments(Filters.eq("ownerId", ownerId));
    }

    public Optional<WebhookEndpoint> find(long id) {
        return Optional.ofNullable(endpoints.find(Filters.eq("_id", id)).first()).map(WebhookRepository::fromDocument);
    }

    public boolean delete(String ownerId, long id) {
        if (endpoints.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("ownerId", ownerId)))
                .getDeletedCount() == 0) {
            return false;
        }
        settings.removeTarget(ownerId, UserSettingsRepository.Target.WEBHOOKS, id);
        return true;
    }

    public void succeeded(long id) {
        endpoints.updateOne(Filters.eq("_id", id), Updates.set("consecutiveFailures", 0));
    }

    /**
     * Counts a failed attempt; at {@code disableAfter} failures in a row the endpoint is disabled.
     *
     * @return true if this failure disabled it
     */
    public boolean failed(long id, int disableAfter) {
        Document after = endpoints.findOneAndUpdate(Filters.eq("_id", id), Updates.inc("consecutiveFailures", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null || after.getInteger("consecutiveFailures", 0) < disableAfter) {
            return false;
        }
        return endpoints.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("enabled", true)),
                Updates.combine(Updates.set("enabled", false), Updates.set("disabledReason",
                        disableAfter + " delivery attempts in a row failed"))).getModifiedCount() > 0;
    }

    private static WebhookEndpoint fromDocument(Document document) {
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        document.getList("types", String.class, List.of())
                .forEach(name -> NotificationType.fromApiName(name).ifPresent(types::add));
        return new WebhookEndpoint(document.getLong("_id"), document.getString("ownerId"), document.getString("url"),
                document.getString("secret"), types, document.getBoolean("enabled", false),
                document.getString("disabledReason"), document.getInteger("consecutiveFailures", 0),
                Instant.ofEpochMilli(document.getDate("createdAt").getTime()));
    }
}
