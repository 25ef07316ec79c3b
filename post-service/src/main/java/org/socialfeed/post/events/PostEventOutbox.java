package org.socialfeed.post.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import io.quarkus.arc.All;
import org.socialfeed.support.outbox.OutboxOwner;
import org.socialfeed.support.outbox.OutboxPublisher;

import java.util.List;

/** Publishes post-service's events (posts.events, interactions.events) from the outboxes of posts and likes. */
@Singleton
public class PostEventOutbox extends OutboxPublisher {

    public static final String CHANNEL = "events";

    public PostEventOutbox(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                           Emitter<String> emitter, ObjectMapper json, @All List<OutboxOwner> owners,
                           ManagedExecutor workers) {
        super(emitter, "post-service", json, owners, workers);
    }

    @Scheduled(every = "${social.outbox.sweep-interval}", delayed = "5s", // after the Kafka emitter is connected
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepAll();
    }
}
