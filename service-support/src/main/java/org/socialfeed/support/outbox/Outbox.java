package org.socialfeed.support.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transactional outbox without transactions: a write stores its events in an {@code outbox} array inside the
 * very document it changes, in the same single-document update, so the write and its events succeed or fail
 * together. Afterwards the events are published and pulled from the array once Kafka has acknowledged them, the
 * pulls of many documents in one bulk write ({@link AcknowledgedEvents}). Publishing is therefore at least once;
 * consumers apply an event once by its id.
 * <p>
 * What is left behind is found without scanning the collection: a publication that fails (broker down, database
 * down when pulling) leaves its document's id in memory, and {@link #retryUnfinished} reads those documents by id.
 * Only what a crash leaves behind needs a query over the collection ({@link #recover}): the partial index on the
 * outbox's {@code createdAt} serves it in MongoDB, where it holds only documents with pending events.
 */
public final class Outbox {

    public static final String FIELD = "outbox";
    private static final String CREATED_AT = FIELD + ".createdAt";
    /** Documents remembered for a retry at most; beyond it, the next sweep recovers with the query instead. */
    private static final int MAX_UNFINISHED = 10_000;
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final KafkaEventSender sender;
    private final AcknowledgedEvents acknowledged;
    private final Map<MongoCollection<Document>, Set<Object>> unfinished = new ConcurrentHashMap<>();
    private final AtomicBoolean tooManyUnfinished = new AtomicBoolean();

    /** @param blockingWork where the database updates after an acknowledgement run, off Kafka's and Vert.x's threads */
    public Outbox(KafkaEventSender sender, Executor blockingWork) {
        this.sender = sender;
        this.acknowledged = new AcknowledgedEvents(blockingWork);
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
     * The index {@link #recover} needs in MongoDB: only documents with pending events are in it, so it stays as small
     * as the backlog however large the collection grows.
     */
    public static void createRecoveryIndex(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending(CREATED_AT), new IndexOptions().name("outbox_pending")
                .partialFilterExpression(Filters.exists(CREATED_AT)));
    }

    /**
     * Publishes a document's pending events in order, then pulls them. Never throws: a document whose publication
     * fails is remembered for {@link #retryUnfinished}.
     */
    public CompletionStage<Void> publish(MongoCollection<Document> collection, Object documentId,
                                         List<OutgoingEvent> events) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (OutgoingEvent event : events) {
            chain = chain.thenCompose(ignored -> sender.send(event));
        }
        return chain.thenCompose(sent -> acknowledged.pull(collection, documentId,
                        events.stream().map(OutgoingEvent::id).toList()))
                .exceptionally(failure -> {
                    LOG.debugf("Event publication for %s deferred to the outbox sweep: %s", documentId,
                            failure.getMessage());
                    remember(collection, documentId);
                    return null;
                });
    }

    /**
     * Republishes the events older than {@code minAge} (younger ones may still be in flight) of the documents whose
     * publication failed, read by id. Returns how many documents had such events.
     */
    public int retryUnfinished(MongoCollection<Document> collection, Duration minAge, int batchSize) {
        Set<Object> ids = unfinished.getOrDefault(collection, Set.of());
        List<Object> batch = ids.stream().limit(batchSize).toList();
        if (batch.isEmpty()) {
            return 0;
        }
        ids.removeAll(batch); // whatever fails again is remembered again
        try {
            return republish(collection, Filters.in("_id", batch), minAge, batchSize);
        } catch (RuntimeException databaseDown) {
            ids.addAll(batch);
            throw databaseDown;
        }
    }

    /**
     * Republishes what a crash left behind: the events older than {@code minAge} of any document. In MongoDB the
     * query runs on {@link #createRecoveryIndex}; a store without that index scans the collection, so this runs
     * rarely. Returns how many documents had such events.
     */
    public int recover(MongoCollection<Document> collection, Duration minAge, int batchSize) {
        tooManyUnfinished.set(false);
        Date olderThan = Date.from(Instant.now().minus(minAge));
        // the $exists repeats the index's filter, so MongoDB sees at once that the partial index serves the query
        return republish(collection, Filters.and(Filters.exists(CREATED_AT), Filters.lt(CREATED_AT, olderThan)),
                minAge, batchSize);
    }

    /** Whether failed publications were too many to remember, so the next sweep must {@link #recover}. */
    public boolean recoveryNeeded() {
        return tooManyUnfinished.get();
    }

    private int republish(MongoCollection<Document> collection, Bson filter, Duration minAge, int batchSize) {
        Instant olderThan = Instant.now().minus(minAge);
        List<CompletionStage<Void>> publications = new ArrayList<>();
        for (Document document : collection.find(filter).projection(new Document(FIELD, 1)).limit(batchSize)) {
            List<OutgoingEvent> pending = document.getList(FIELD, Document.class, List.of()).stream()
                    .map(Outbox::fromDocument).toList();
            List<OutgoingEvent> due = pending.stream().filter(event -> event.createdAt().isBefore(olderThan)).toList();
            if (!due.isEmpty()) {
                publications.add(publish(collection, document.get("_id"), due));
            } else if (!pending.isEmpty()) {
                remember(collection, document.get("_id")); // in flight now; looked at again by the next sweep
            }
        }
        publications.forEach(stage -> stage.toCompletableFuture().join());
        return publications.size();
    }

    private void remember(MongoCollection<Document> collection, Object documentId) {
        Set<Object> ids = unfinished.computeIfAbsent(collection, ignored -> ConcurrentHashMap.newKeySet());
        if (ids.size() < MAX_UNFINISHED) {
            ids.add(documentId);
        } else {
            tooManyUnfinished.set(true);
        }
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
