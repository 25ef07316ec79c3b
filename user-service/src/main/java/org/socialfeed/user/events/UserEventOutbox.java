package org.socialfeed.user.events;

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

/**
 * Publishes user-service's events (users.events, follows.events) from the outboxes of accounts, follows, blocks
 * and mutes.
 */
@Singleton
public class UserEventOutbox extends OutboxPublisher {

    public static final String CHANNEL = "events";

    public UserEventOutbox(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                           Emitter<String> emitter, ObjectMapper json, @All List<OutboxOwner> owners,
                           ManagedExecutor workers) {
        super(emitter, "user-service", json, owners, workers);
    }

    @Scheduled(every = "${social.outbox.sweep-interval}", delayed = "5s", // after the Kafka emitter is connected
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepAll();
    }
}
