package org.socialfeed.support.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pulls acknowledged events from their documents' outboxes, the pulls of many documents in one bulk write per
 * collection: one write at a time, each taking every pull queued while the one before ran. A lone pull is written at
 * once; under load the round trips per event fall with the batch size instead of being one each.
 */
final class AcknowledgedEvents {

    /** Pulls per bulk write at most, so one write stays a bounded command. */
    private static final int MAX_BATCH = 1000;

    private record Pull(MongoCollection<Document> collection, Object documentId, List<String> eventIds,
                        CompletableFuture<Void> done) {
    }

    private final Executor blockingWork;
    private final Queue<Pull> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    AcknowledgedEvents(Executor blockingWork) {
        this.blockingWork = blockingWork;
    }

    /** Completes once the events are pulled from the document, exceptionally if the write failed. */
    CompletionStage<Void> pull(MongoCollection<Document> collection, Object documentId, List<String> eventIds) {
        Pull pull = new Pull(collection, documentId, eventIds, new CompletableFuture<>());
        queued.add(pull);
        writeIfIdle();
        return pull.done();
    }

    private void writeIfIdle() {
        if (!queued.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                blockingWork.execute(this::writeQueued);
            } catch (RuntimeException rejected) { // shutting down: what stays in the outbox is swept after a restart
                writing.set(false);
                failAll(rejected);
            }
        }
    }

    private void writeQueued() {
        try {
            Map<MongoCollection<Document>, List<Pull>> byCollection = new LinkedHashMap<>();
            for (int taken = 0; taken < MAX_BATCH; taken++) {
                Pull pull = queued.poll();
                if (pull == null) {
                    break;
                }
                byCollection.computeIfAbsent(pull.collection(), ignored -> new ArrayList<>()).add(pull);
            }
            byCollection.forEach(this::write);
        } finally {
            writing.set(false);
            writeIfIdle(); // what was queued meanwhile
        }
    }

    private void write(MongoCollection<Document> collection, List<Pull> pulls) {
        try {
            collection.bulkWrite(pulls.stream().map(pull -> new UpdateOneModel<Document>(
                    Filters.eq("_id", pull.documentId()),
                    Updates.pull(Outbox.FIELD, Filters.in("id", pull.eventIds())))).toList(),
                    new BulkWriteOptions().ordered(false));
            pulls.forEach(pull -> pull.done().complete(null));
        } catch (RuntimeException e) { // the events stay in their outboxes: republished, never lost
            pulls.forEach(pull -> pull.done().completeExceptionally(e));
        }
    }

    private void failAll(RuntimeException cause) {
        for (Pull pull = queued.poll(); pull != null; pull = queued.poll()) {
            pull.done().completeExceptionally(cause);
        }
    }
}
