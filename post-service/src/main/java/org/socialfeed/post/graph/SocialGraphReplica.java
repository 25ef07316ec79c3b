package org.socialfeed.post.graph;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.mongo.Exists;

import java.util.List;

/**
 * The part of the social graph post-service needs, kept from follows.events: who follows whom (followers-only
 * posts) and who blocks whom (a blocked account cannot interact). One document per pair, keyed like the topic, so
 * an event applied twice changes nothing.
 */
@ApplicationScoped
public class SocialGraphReplica {

    private final MongoCollection<Document> follows;
    private final MongoCollection<Document> blocks;

    public SocialGraphReplica(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.follows = client.getDatabase(database).getCollection("follows");
        this.blocks = client.getDatabase(database).getCollection("blocks");
    }

    public void follow(String followerId, String followeeId) {
        follows.replaceOne(Filters.eq("_id", FollowRemoved.key(followerId, followeeId)),
                new Document("followerId", Long.parseLong(followerId)).append("followeeId", Long.parseLong(followeeId)),
                new ReplaceOptions().upsert(true));
    }

    public void unfollow(String followerId, String followeeId) {
        follows.deleteOne(Filters.eq("_id", FollowRemoved.key(followerId, followeeId)));
    }

    public void block(String blockerId, String blockedId, boolean blocking) {
        String key = BlockChanged.key(blockerId, blockedId);
        if (blocking) {
            blocks.replaceOne(Filters.eq("_id", key), new Document("blockerId", Long.parseLong(blockerId))
                    .append("blockedId", Long.parseLong(blockedId)), new ReplaceOptions().upsert(true));
        } else {
            blocks.deleteOne(Filters.eq("_id", key));
        }
    }

    public boolean follows(long followerId, long followeeId) {
        return followerId == followeeId || Exists.any(follows,
                Filters.eq("_id", FollowRemoved.key(Long.toString(followerId), Long.toString(followeeId))));
    }

    /** Whether either account blocks the other. */
    public boolean blockedEitherWay(long a, long b) {
        return Exists.any(blocks, Filters.in("_id", List.of(
                BlockChanged.key(Long.toString(a), Long.toString(b)),
                BlockChanged.key(Long.toString(b), Long.toString(a)))));
    }
}
