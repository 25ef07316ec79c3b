package org.socialfeed.post.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.socialfeed.post.interaction.FavouriteRepository;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.outbox.OutboxPublisher;

import java.util.List;

/** Publishes post-service's events (posts.events, interactions.events) from the outboxes of posts and likes. */
@Singleton
public class PostEventOutbox extends OutboxPublisher {

    public static final String CHANNEL = "events";

    private final PostRepository posts;
    private final FavouriteRepository favourites;

    public PostEventOutbox(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                           Emitter<String> emitter, ObjectMapper json, PostRepository posts,
                           FavouriteRepository favourites) {
        super(emitter, "post-service", json);
        this.posts = posts;
        this.favourites = favourites;
    }

    @Override
    protected List<MongoCollection<Document>> outboxCollections() {
        return List.of(posts.collection(), favourites.collection());
    }

    @Scheduled(every = "${social.outbox.sweep-interval}", delayed = "5s", // after the Kafka emitter is connected
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepAll();
    }
}
