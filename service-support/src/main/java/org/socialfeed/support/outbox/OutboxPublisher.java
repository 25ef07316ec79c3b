package org.socialfeed.support.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.KafkaEventSender;
import org.socialfeed.support.events.OutgoingEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a service that publishes events extends: it encodes events for the outbox, publishes a document's events
 * right after the write, and sweeps the collections of every {@link OutboxOwner} for what is left. The subclass
 * supplies the emitter (its channel is configured per service) and the schedule of {@link #sweepAll()}.
 */
public abstract class OutboxPublisher {

    /** Events younger than this are presumably still being published right after their write. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(3);
    /**
     * How often a sweep also looks for what a crash of any instance left behind, with a query over the collection
     * (served by a partial index in MongoDB, a scan in the local stand-in), unless
     * {@code social.outbox.recovery-interval} says otherwise; other sweeps read only documents whose publication
     * failed in this process, by id. Every process also recovers at its first sweep.
     */
    private static final Duration RECOVERY_INTERVAL = Duration.ofMinutes(5);
    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final EventCodec codec;
    private final Outbox outbox;
    private final List<OutboxOwner> owners;
    private final Duration recoveryInterval = ConfigProvider.getConfig()
            .getOptionalValue("social.outbox.recovery-interval", Duration.class).orElse(RECOVERY_INTERVAL);
    private volatile boolean indexesCreated;
    private volatile Instant nextRecovery = Instant.MIN;

    /** @param workers Quarkus's worker pool ({@code ManagedExecutor}): the outbox updates after acknowledgements */
    protected OutboxPublisher(org.eclipse.microprofile.reactive.messaging.Emitter<String> emitter, String source,
                              ObjectMapper json, List<OutboxOwner> owners, Executor workers) {
        this.codec = new EventCodec(json);
        this.owners = owners;
        this.outbox = new Outbox(new KafkaEventSender(emitter, source), workers);
    }

    public OutgoingEvent event(String topic, String key, String type, Object payload) {
        return codec.encode(topic, key, type, payload);
    }

    /** Publishes the events just written with the document; whatever fails is left for the sweep. */
    public void publish(MongoCollection<Document> collection, Object documentId, List<OutgoingEvent> events) {
        outbox.publish(collection, documentId, events);
    }

    public void publish(MongoCollection<Document> collection, Object documentId, OutgoingEvent event) {
        publish(collection, documentId, List.of(event));
    }

    /**
     * Republishes events left behind by a broker outage (the documents this process failed to publish, read by id)
     * and, at the first sweep and every {@link #RECOVERY_INTERVAL}, by a crash (a query over each collection).
     * Never runs concurrently with itself (the subclasses schedule it with {@code SKIP}).
     */
    public void sweepAll() {
        List<MongoCollection<Document>> collections = owners.stream()
                .flatMap(owner -> owner.outboxCollections().stream()).toList();
        boolean recovering = Instant.now().isAfter(nextRecovery) || outbox.recoveryNeeded();
        boolean backlogLeft = false;
        for (MongoCollection<Document> collection : collections) {
            try {
                if (!indexesCreated) {
                    Outbox.createRecoveryIndex(collection);
                }
                int documents = recovering ? outbox.recover(collection, IN_FLIGHT, SWEEP_BATCH)
                        : outbox.retryUnfinished(collection, IN_FLIGHT, SWEEP_BATCH);
                backlogLeft |= recovering && documents == SWEEP_BATCH;
                if (documents > 0) {
                    LOG.infof("Outbox sweep republished the events of %d documents in %s", documents,
                            collection.getNamespace().getCollectionName());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox sweep of %s failed, will retry: %s", collection.getNamespace(), e.getMessage());
                return; // the next sweep starts again, recovering if this one was to
            }
        }
        indexesCreated = true;
        if (recovering && !backlogLeft) {
            nextRecovery = Instant.now().plus(recoveryInterval);
        }
    }
}
