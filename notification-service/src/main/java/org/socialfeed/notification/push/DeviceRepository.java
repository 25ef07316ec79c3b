package org.socialfeed.notification.push;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.socialfeed.notification.policy.UserSettingsRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The {@code devices} collection. A (user, platform, token) is registered once: registering again returns it.
 * Each user's settings document lists the ids of their devices, so delivering a notification finds them by id
 * (ADR 23): a device is listed after it is stored and unlisted after it is deleted, so a crash in between leaves
 * at worst an id that finds nothing, or a registration that lists it when repeated.
 */
@ApplicationScoped
public class DeviceRepository {

    private final MongoCollection<Document> devices;
    private final UserSettingsRepository settings;

    public DeviceRepository(MongoDatabase database, UserSettingsRepository settings) {
        this.devices = database.getCollection("devices");
        this.settings = settings;
        devices.createIndex(Indexes.ascending("registrationKey"), new IndexOptions().unique(true));
        devices.createIndex(Indexes.ascending("userId"));
    }

    /** Lists the devices registered before the settings listed them (once per start: few, and idempotent). */
    void listRegistered(@Observes StartupEvent start) {
        devices.find().projection(Projections.include("userId")).forEach(device ->
                settings.addTarget(device.getString("userId"), UserSettingsRepository.Target.DEVICES,
                        device.getLong("_id")));
    }

    /** Registers the device, or returns the existing registration of the same token. */
    public Device register(Device device) {
        String key = device.userId() + ":" + device.platform() + ":" + device.token();
        try {
            devices.insertOne(new Document("_id", device.id()).append("userId", device.userId())
                    .append("platform", device.platform()).append("token", device.token())
                    .append("registrationKey", key).append("createdAt", Date.from(device.createdAt())));
            return listed(device);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document existing = devices.find(Filters.eq("registrationKey", key)).first();
                if (existing != null) {
                    return listed(fromDocument(existing));
                }
            }
            throw e;
        }
    }

    private Device listed(Device device) {
        settings.addTarget(device.userId(), UserSettingsRepository.Target.DEVICES, device.id());
        return device;
    }

    /** The devices among {@code ids} (a user's settings list them), by id. */
    public List<Device> byIds(Collection<Long> ids) {
        List<Device> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            devices.find(Filters.in("_id", ids)).sort(Sorts.ascending("_id"))
                    .forEach(document -> found.add(fromDocument(document)));
        }
        return found;
    }

    public List<Device> ofUser(String userId) {
        List<Device> found = new ArrayList<>();
        devices.find(Filters.eq("userId", userId)).sort(Sorts.ascending("_id"))
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    public boolean delete(String userId, long id) {
        if (devices.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId))).getDeletedCount() == 0) {
            return false;
        }
        settings.removeTarget(userId, UserSettingsRepository.Target.DEVICES, id);
        return true;
    }

    private static Device fromDocument(Document document) {
        return new Device(document.getLong("_id"), document.getString("userId"), document.getString("platform"),
                document.getString("token"), document.getDate("createdAt").toInstant());
    }
}
