package org.socialfeed.support.outbox;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.List;

/**
 * A repository whose documents carry an {@link Outbox}. A service's {@link OutboxPublisher} sweeps the collections of
 * every such bean, so it need not know the repositories (which would make them and their callers depend on it both
 * ways).
 */
public interface OutboxOwner {

    List<MongoCollection<Document>> outboxCollections();
}
