package org.socialfeed.support.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.KafkaEventSender;
import org.socialfeed.support.events.OutgoingEvent;

import java.time.Duration;
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
    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final EventCodec codec;
    private final Outbox outbox;
    private final List<OutboxOwner> owners;

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

    /** Republishes events left behind by a broker outage or a crash. */
    public void sweepAll() {
        for (MongoCollection<Document> collection : owners.stream()
                .flatMap(owner -> owner.outboxCollections().stream()).toList()) {
            try {
                int documents = outbox.sweep(collection, IN_FLIGHT, SWEEP_BATCH);
                if (documents > 0) {
                    LOG.infof("Outbox sweep republished the events of %d documents in %s", documents,
                            collection.getNamespace().getCollectionName());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox sweep of %s failed, will retry: %s", collection.getNamespace(), e.getMessage());
            }
        }
    }
}
