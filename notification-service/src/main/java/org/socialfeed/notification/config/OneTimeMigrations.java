package org.socialfeed.notification.config;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.util.Date;

/**
 * Data migrations that fill a new key from what older versions stored: each runs at start-up until it has
 * completed once (a document of {@code migrations} remembers it), so the scan it needs is paid once, not per event.
 * A migration must be idempotent: two instances starting together may both run it.
 */
@ApplicationScoped
public class OneTimeMigrations {

    private static final Logger LOG = Logger.getLogger(OneTimeMigrations.class);

    private final MongoCollection<Document> done;

    public OneTimeMigrations(MongoDatabase database) {
        this.done = database.getCollection("migrations");
    }

    public void runOnce(String name, Runnable migration) {
        if (done.find(Filters.eq("_id", name)).first() != null) {
            return;
        }
        long start = System.nanoTime();
        migration.run();
        done.replaceOne(Filters.eq("_id", name), new Document("_id", name).append("at", new Date()),
                new ReplaceOptions().upsert(true));
        LOG.infof("Migration %s done in %d ms", name, (System.nanoTime() - start) / 1_000_000);
    }
}
