package org.socialfeed.user.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.socialfeed.support.outbox.OutboxPublisher;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.block.BlockMuteStores;
import org.socialfeed.user.follow.FollowRepository;

import java.util.List;

/**
 * Publishes user-service's events (users.events, follows.events) from the outboxes of accounts, follows, blocks
 * and mutes.
 */
@Singleton
public class UserEventOutbox extends OutboxPublisher {

    public static final String CHANNEL = "events";

    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final BlockMuteStores blockMute;

    public UserEventOutbox(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                           Emitter<String> emitter, ObjectMapper json, AccountRepository accounts,
                           FollowRepository follows, BlockMuteStores blockMute) {
        super(emitter, "user-service", json);
        this.accounts = accounts;
        this.follows = follows;
        this.blockMute = blockMute;
    }

    @Override
    protected List<MongoCollection<Document>> outboxCollections() {
        return List.of(accounts.collection(), follows.collection(), blockMute.blocks().collection(),
                blockMute.mutes().collection());
    }

    @Scheduled(every = "${social.outbox.sweep-interval}", delayed = "5s", // after the Kafka emitter is connected
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepAll();
    }
}
