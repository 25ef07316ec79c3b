package org.socialfeed.notification.replica;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import org.socialfeed.support.mongo.Exists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of the follow graph notifications need, replicated from follows.events: who follows whom (for the
 * "not following" / "not followers" policies and "notify me of new posts"), and whom each user blocked or muted.
 * One document per relation, keyed like the event ({@code follow:a:b}, {@code block:a:b}, {@code mute:a:b}), so
 * applying an event twice changes nothing.
 */
@ApplicationScoped
public class SocialGraph {

    private static final String FOLLOW = "follow";
    private static final String BLOCK = "block";
    private static final String MUTE = "mute";

    private final MongoCollection<Document> relations;

    public SocialGraph(MongoDatabase database) {
        this.relations = database.getCollection("relations");
        relations.createIndex(Indexes.ascending("kind", "to", "notifyOfPosts"));
        relations.createIndex(Indexes.ascending("from", "kind"));
    }

    public void follow(String followerId, String followeeId, boolean notifyOfPosts) {
        put(FOLLOW, followerId, followeeId, new Document("notifyOfPosts", notifyOfPosts));
    }

    public void unfollow(String followerId, String followeeId) {
        relations.deleteOne(Filters.eq("_id", id(FOLLOW, followerId, followeeId)));
    }

    public void block(String blockerId, String blockedId, boolean blocking) {
        if (blocking) {
            put(BLOCK, blockerId, blockedId, new Document());
        } else {
            relations.deleteOne(Filters.eq("_id", id(BLOCK, blockerId, blockedId)));
        }
    }

    /** Only mutes that also hide notifications matter here; a mute without them is forgotten. */
    public void mute(String muterId, String mutedId, boolean muting, boolean notifications) {
        if (muting && notifications) {
            put(MUTE, muterId, mutedId, new Document());
        } else {
            relations.deleteOne(Filters.eq("_id", id(MUTE, muterId, mutedId)));
        }
    }

    public boolean follows(String followerId, String followeeId) {
        return Exists.any(relations, Filters.eq("_id", id(FOLLOW, followerId, followeeId)));
    }

    /** Whether {@code userId} blocked {@code otherId} or muted their notifications. */
    public boolean blocksOrMutes(String userId, String otherId) {
        return Exists.any(relations, Filters.in("_id", id(BLOCK, userId, otherId), id(MUTE, userId, otherId)));
    }

    /** The accounts whose notifications {@code userId} does not want to see: blocked, or muted with notifications. */
    public Set<String> silencedBy(String userId) {
        Set<String> silenced = new HashSet<>();
        relations.find(Filters.and(Filters.eq("from", userId), Filters.in("kind", BLOCK, MUTE)))
                .forEach(relation -> silenced.add(relation.getString("to")));
        return silenced;
    }

    /** The followers of {@code authorId} who asked to be notified of their new posts. */
    public List<String> postSubscribers(String authorId) {
        List<String> subscribers = new ArrayList<>();
        relations.find(Filters.and(Filters.eq("kind", FOLLOW), Filters.eq("to", authorId),
                        Filters.eq("notifyOfPosts", true)))
                .forEach(relation -> subscribers.add(relation.getString("from")));
        return subscribers;
    }

    private void put(String kind, String from, String to, Document extra) {
        Document relation = new Document("_id", id(kind, from, to)).append("kind", kind).append("from", from)
                .append("to", to);
        relation.putAll(extra);
        relations.replaceOne(Filters.eq("_id", relation.get("_id")), relation, new ReplaceOptions().upsert(true));
    }

    private static String id(String kind, String from, String to) {
        return kind + ":" + from + ":" + to;
    }
}
