package org.socialfeed.support.events;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes {@link OutgoingEvent}s through one SmallRye emitter, each to its own topic and key, as a CloudEvent
 * in binary mode. The returned stage completes when the broker has acknowledged the record (acks=all).
 */
public final class KafkaEventSender {

    private final Emitter<String> emitter;
    private final URI source;

    public KafkaEventSender(Emitter<String> emitter, String source) {
        this.emitter = emitter;
        this.source = URI.create(source);
    }

    public CompletionStage<Void> send(OutgoingEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<String> message = Message.of(event.payload())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic()).withKey(event.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.id()).withType(event.type()).withSource(source)
                        .withTimestamp(event.createdAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json").build());
        try {
            emitter.send(message);
        } catch (RuntimeException overflowOrClosed) {
            acknowledged.completeExceptionally(overflowOrClosed);
        }
        return acknowledged;
    }
}
