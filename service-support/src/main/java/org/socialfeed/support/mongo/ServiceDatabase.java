package org.socialfeed.support.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** The service's own database ({@code quarkus.mongodb.database}), for the repositories to take their collections. */
public class ServiceDatabase {

    /**
     * Looked up when first needed: feed-service has no MongoDB client nor database name, and CDI checks a producer's
     * parameters in every service that has this class, used or not.
     */
    @Produces
    @Singleton
    MongoDatabase database(Instance<MongoClient> client, Config config) {
        return client.get().getDatabase(config.getValue("quarkus.mongodb.database", String.class));
    }
}
