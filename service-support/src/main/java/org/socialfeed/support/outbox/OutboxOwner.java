package org.socialfeed.support.outbox;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * A repository whose documents carry an {@link Outbox}. A service's publisher sweeps the collection of every such
 * bean, so it need not know the repositories (which would make them and their callers depend on it both ways).
 */
public interface OutboxOwner {

    MongoCollection<Document> collection();
}
