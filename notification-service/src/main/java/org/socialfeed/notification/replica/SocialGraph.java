package org.socialfeed.notification.replica;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.notification.config.OneTimeMigrations;
import org.socialfeed.notification.config.RetiredIndexes;

import org.socialfeed.support.mongo.Exists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the follow graph notifications need, replicated from follows.events: who follows whom (for the
 * "not following" / "not followers" policies and "notify me of new posts"), and whom each user blocked or muted.
 * One document per relation, keyed like the event ({@code follow:a:b}, {@code block:a:b}, {@code mute:a:b}), so
 * applying an event twice changes nothing. The followers who asked to be notified of an author's posts are also
 * listed in one document per author ({@code subscribers:<authorId>}), so a new post finds them by {@code _id}
 * (ADR 23): a follower is listed before the follow is stored and unlisted before it is removed, so an event cut
 * short by a crash and applied again leaves the list right.
 */
@ApplicationScoped
public class SocialGraph {

    private static final String FOLLOW = "follow";
    private static final String BLOCK = "block";
    private static final String MUTE = "mute";

    private static final String SUBSCRIBERS = "subscribers";
    private static final String NOTIFY_OF_POSTS = "notifyOfPosts";

    private final MongoCollection<Document> relations;

    public SocialGraph(MongoDatabase database, OneTimeMigrations migrations) {
        this.relations = database.getCollection("relations");
        relations.createIndex(Indexes.ascending("from", "kind"));
        RetiredIndexes.drop(relations, "kind_1_to_1_notifyOfPosts_1"); // subscribers are listed per author now
        migrations.runOnce("relations-subscribers", this::listSubscribers);
    }

    /** Lists the subscribers of follows stored before the lists existed. */
    private void listSubscribers() {
        relations.find(Filters.and(Filters.eq("kind", FOLLOW), Filters.eq(NOTIFY_OF_POSTS, true)))
                .forEach(follow -> subscribe(follow.getString("to"), follow.getString("from"), true));
    }

    /** A follow, as follows.events announces it. */
    public record Follow(String followerId, String followeeId, boolean notifyOfPosts) {
    }

    public void follow(String followerId, String followeeId, boolean notifyOfPosts) {
        followAll(List.of(new Follow(followerId, followeeId, notifyOfPosts)));
    }

    /** Stores follows in a read and a bulk write, after listing or unlisting the subscribers among them. */
    public void followAll(List<Follow> follows) {
        Map<String, Boolean> subscribed = new HashMap<>();
        relations.find(Filters.in("_id", follows.stream().map(follow -> id(FOLLOW, follow.followerId(),
                        follow.followeeId())).toList())).projection(Projections.include(NOTIFY_OF_POSTS))
                .forEach(follow -> subscribed.put(follow.getString("_id"), follow.getBoolean(NOTIFY_OF_POSTS, false)));
        for (Follow follow : follows) {
            boolean wasSubscribed = subscribed.getOrDefault(id(FOLLOW, follow.followerId(), follow.followeeId()), false);
            if (follow.notifyOfPosts() || wasSubscribed) {
                subscribe(follow.followeeId(), follow.followerId(), follow.notifyOfPosts());
            }
        }
        relations.bulkWrite(follows.stream().map(follow -> new ReplaceOneModel<>(
                Filters.eq("_id", id(FOLLOW, follow.followerId(), follow.followeeId())),
                relation(FOLLOW, follow.followerId(), follow.followeeId(),
                        new Document(NOTIFY_OF_POSTS, follow.notifyOfPosts())),
                new ReplaceOptions().upsert(true))).toList(), new BulkWriteOptions().ordered(false));
    }

    public void unfollow(String followerId, String followeeId) {
        subscribe(followeeId, followerId, false);
        relations.deleteOne(Filters.eq("_id", id(FOLLOW, followerId, followeeId)));
    }

    private void subscribe(String authorId, String followerId, boolean subscribing) {
        relations.updateOne(Filters.eq("_id", SUBSCRIBERS + ":" + authorId),
                subscribing ? Updates.addToSet(SUBSCRIBERS, followerId) : Updates.pull(SUBSCRIBERS, followerId),
                new UpdateOptions().upsert(subscribing));
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
        Pair pair = new Pair(userId, otherId);
        return silenced(List.of(pair)).contains(pair);
    }

    /** An account and another one it may have blocked or muted. */
    public record Pair(String userId, String otherId) {
    }

    /** The pairs among {@code pairs} where the account blocked the other or muted its notifications, in one read. */
    public Set<Pair> silenced(Collection<Pair> pairs) {
        List<String> ids = new ArrayList<>();
        pairs.forEach(pair -> {
            ids.add(id(BLOCK, pair.userId(), pair.otherId()));
            ids.add(id(MUTE, pair.userId(), pair.otherId()));
        });
        Set<Pair> silenced = new HashSet<>();
        if (!ids.isEmpty()) {
            relations.find(Filters.in("_id", ids)).projection(Projections.include("from", "to"))
                    .forEach(relation -> silenced.add(new Pair(relation.getString("from"), relation.getString("to"))));
        }
        return silenced;
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
        Document subscribers = relations.find(Filters.eq("_id", SUBSCRIBERS + ":" + authorId)).first();
        return subscribers == null ? List.of() : subscribers.getList(SUBSCRIBERS, String.class, List.of());
    }

    private void put(String kind, String from, String to, Document extra) {
        Document relation = relation(kind, from, to, extra);
        relations.replaceOne(Filters.eq("_id", relation.get("_id")), relation, new ReplaceOptions().upsert(true));
    }

    private static Document relation(String kind, String from, String to, Document extra) {
        Document relation = new Document("_id", id(kind, from, to)).append("kind", kind).append("from", from)
                .append("to", to);
        relation.putAll(extra);
        return relation;
    }

    private static String id(String kind, String from, String to) {
        return kind + ":" + from + ":" + to;
    }
}
