package org.socialfeed.notification.push;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The {@code devices} collection. A (user, platform, token) is registered once: registering again returns it. */
@ApplicationScoped
public class DeviceRepository {

    private final MongoCollection<Document> devices;

    public DeviceRepository(MongoDatabase database) {
        this.devices = database.getCollection("devices");
        devices.createIndex(Indexes.ascending("registrationKey"), new IndexOptions().unique(true));
        devices.createIndex(Indexes.ascending("userId"));
    }

    /** Registers the device, or returns the existing registration of the same token. */
    public Device register(Device device) {
        String key = device.userId() + ":" + device.platform() + ":" + device.token();
        try {
            devices.insertOne(new Document("_id", device.id()).append("userId", device.userId())
                    .append("platform", device.platform()).append("token", device.token())
                    .append("registrationKey", key).append("createdAt", Date.from(device.createdAt())));
            return device;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document existing = devices.find(Filters.eq("registrationKey", key)).first();
                if (existing != null) {
                    return fromDocument(existing);
                }
            }
            throw e;
        }
    }

    public List<Device> ofUser(String userId) {
        List<Device> found = new ArrayList<>();
        devices.find(Filters.eq("userId", userId)).sort(Sorts.ascending("_id"))
                .forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    public boolean delete(String userId, long id) {
        return devices.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId))).getDeletedCount() > 0;
    }

    private static Device fromDocument(Document document) {
        return new Device(document.getLong("_id"), document.getString("userId"), document.getString("platform"),
                document.getString("token"), document.getDate("createdAt").toInstant());
    }
}
