package org.socialfeed.post.graph;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.mongo.Exists;

import java.util.ArrayList;
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

    public SocialGraphReplica(MongoDatabase database) {
        this.follows = database.getCollection("follows");
        this.blocks = database.getCollection("blocks");
    }

    /** Writes a run of changes with one ordered bulk write per collection (the same result as one by one). */
    public void apply(Changes changes) {
        if (!changes.follows.isEmpty()) {
            follows.bulkWrite(changes.follows);
        }
        if (!changes.blocks.isEmpty()) {
            blocks.bulkWrite(changes.blocks);
        }
    }

    /** Graph changes waiting to be written together, in order. */
    public static final class Changes {
        private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
        private final List<WriteModel<Document>> follows = new ArrayList<>();
        private final List<WriteModel<Document>> blocks = new ArrayList<>();

        public Changes follow(String followerId, String followeeId) {
            follows.add(new ReplaceOneModel<>(Filters.eq("_id", FollowRemoved.key(followerId, followeeId)),
                    new Document("followerId", Long.parseLong(followerId))
                            .append("followeeId", Long.parseLong(followeeId)), UPSERT));
            return this;
        }

        public Changes unfollow(String followerId, String followeeId) {
            follows.add(new DeleteOneModel<>(Filters.eq("_id", FollowRemoved.key(followerId, followeeId))));
            return this;
        }

        public Changes block(String blockerId, String blockedId, boolean blocking) {
            String key = BlockChanged.key(blockerId, blockedId);
            blocks.add(blocking
                    ? new ReplaceOneModel<>(Filters.eq("_id", key), new Document("blockerId", Long.parseLong(blockerId))
                            .append("blockedId", Long.parseLong(blockedId)), UPSERT)
                    : new DeleteOneModel<>(Filters.eq("_id", key)));
            return this;
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
