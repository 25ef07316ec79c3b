package org.socialfeed.support.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;
import org.socialfeed.support.events.KafkaEventSender;
import org.socialfeed.support.events.OutgoingEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transactional outbox without transactions: a write stores its events in an {@code outbox} array inside the
 * very document it changes, in the same single-document update, so the write and its events succeed or fail
 * together. Afterwards each event is published and pulled from the array once Kafka has acknowledged it.
 * A sweep republishes whatever is left (broker down, process killed). Publishing is therefore at least once;
 * consumers apply an event once by its id.
 */
public final class Outbox {

    public static final String FIELD = "outbox";
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final KafkaEventSender sender;
    private final Executor blockingWork;

    /** @param blockingWork where the database updates after an acknowledgement run, off Kafka's and Vert.x's threads */
    public Outbox(KafkaEventSender sender, Executor blockingWork) {
        this.sender = sender;
        this.blockingWork = blockingWork;
    }

    /** The update that appends {@code events} to a document's outbox, to combine with the write itself. */
    public static Bson append(List<OutgoingEvent> events) {
        return Updates.pushEach(FIELD, events.stream().map(Outbox::toDocument).toList());
    }

    /** The outbox field for a document about to be inserted. */
    public static List<Document> field(List<OutgoingEvent> events) {
        return events.stream().map(Outbox::toDocument).toList();
    }

    /**
     * Publishes a document's pending events in order, pulling each one once acknowledged. Never throws: what
     * fails stays in the outbox for the next sweep.
     */
    public CompletionStage<Void> publish(MongoCollection<Document> collection, Object documentId,
                                         List<OutgoingEvent> events) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (OutgoingEvent event : events) {
            chain = chain.thenCompose(ignored -> sender.send(event))
                    .thenRunAsync(() -> collection.updateOne(Filters.eq("_id", documentId),
                            Updates.pull(FIELD, new Document("id", event.id()))), blockingWork);
        }
        return chain.exceptionally(failure -> {
            LOG.debugf("Event publication for %s deferred to the outbox sweep: %s", documentId, failure.getMessage());
            return null;
        });
    }

    /**
     * Republishes the events that have waited longer than {@code minAge} (younger ones are still in flight).
     * Returns how many documents had such events.
     */
    public int sweep(MongoCollection<Document> collection, Duration minAge, int batchSize) {
        Date olderThan = Date.from(Instant.now().minus(minAge));
        List<CompletionStage<Void>> publications = new ArrayList<>();
        AtomicInteger documents = new AtomicInteger();
        for (Document document : collection.find(Filters.elemMatch(FIELD, Filters.lt("createdAt", olderThan)))
                .projection(new Document(FIELD, 1)).limit(batchSize)) {
            List<OutgoingEvent> pending = document.getList(FIELD, Document.class).stream()
                    .map(Outbox::fromDocument).toList();
            publications.add(publish(collection, document.get("_id"), pending));
            documents.incrementAndGet();
        }
        publications.forEach(stage -> stage.toCompletableFuture().join());
        return documents.get();
    }

    private static Document toDocument(OutgoingEvent event) {
        return new Document("id", event.id()).append("topic", event.topic()).append("key", event.key())
                .append("type", event.type()).append("payload", event.payload())
                .append("createdAt", Date.from(event.createdAt()));
    }

    private static OutgoingEvent fromDocument(Document document) {
        return new OutgoingEvent(document.getString("id"), document.getString("topic"), document.getString("key"),
                document.getString("type"), document.getString("payload"),
                document.getDate("createdAt").toInstant());
    }
}
