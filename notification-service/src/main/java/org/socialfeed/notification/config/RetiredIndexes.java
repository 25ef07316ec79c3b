package org.socialfeed.notification.config;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** Indexes an older version created and nothing queries any more: dropped at start-up, so writes stop paying them. */
public final class RetiredIndexes {

    private RetiredIndexes() {
    }

    public static void drop(MongoCollection<Document> collection, String name) {
        for (Document index : collection.listIndexes()) {
            if (name.equals(index.getString("name"))) {
                collection.dropIndex(name);
            }
        }
    }
}
