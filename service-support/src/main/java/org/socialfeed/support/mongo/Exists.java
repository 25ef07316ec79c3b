package org.socialfeed.support.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Whether any document matches: a find of one {@code _id}, which an index answers. {@code countDocuments} runs an
 * aggregation instead, which counts every match and, on the local MongoDB stand-in, scans the whole collection.
 */
public final class Exists {

    private Exists() {
    }

    public static boolean any(MongoCollection<Document> collection, Bson filter) {
        return collection.find(filter).projection(Projections.include("_id")).limit(1).first() != null;
    }
}
