package org.socialfeed.notification.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small cache of posts from posts.events (created, edited, deleted), so a notification about a post embeds the
 * Status without calling post-service. Each post is stored as its JSON under {@code post}, beside its like, repost
 * and reply counts kept from the events: each count moves only when its member list (who liked, who reposted,
 * which replies) changes, so an event applied twice counts once.
 */
@ApplicationScoped
public class PostCache {

    public static final String FAVOURITES = "favourites";
    public static final String REBLOGS = "reblogs";
    public static final String REPLIES = "replies";
    private static final String MEMBERS = "By";
    private static final int DUPLICATE_KEY = 11000;

    /** Reads of the post leave out the member lists, which grow with the post's popularity. */
    private static final Bson POST_ONLY = Projections.include("post");

    private final MongoCollection<Document> posts;
    private final ObjectMapper json;

    public PostCache(MongoDatabase database, ObjectMapper json) {
        this.posts = database.getCollection("posts");
        this.json = json;
    }

    /**
     * Caches the post as it is now (new or edited), keeping the counts it has.
     *
     * @return whether the cache had nothing of it before (no earlier version, no interaction that came first)
     */
    public boolean put(CachedPost post) {
        try {
            return posts.updateOne(Filters.eq("_id", post.postId()), Updates.set("post", json.writeValueAsString(post)),
                    new UpdateOptions().upsert(true)).getUpsertedId() != null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Post " + post.postId() + " cannot be cached", e);
        }
    }

    public void remove(String postId) {
        posts.deleteOne(Filters.eq("_id", postId));
    }

    /**
     * Adds or removes {@code member} (an account that liked or reposted, or a reply) among the post's
     * {@code counter} ({@link #FAVOURITES}, {@link #REBLOGS}, {@link #REPLIES}). An interaction may arrive before
     * the post: its counts are then kept for the post to come. The count is the size of the member list, set from
     * the list as this change left it, so an event applied twice, or cut short by a crash and applied again, counts
     * once. Both writes name the post by {@code _id} alone (a filter on the member list would be a scan, ADR 23);
     * a post's interactions share a partition, so they do not race each other.
     */
    public void count(String postId, String counter, String member, boolean add) {
        String members = counter + MEMBERS;
        Bson change = add ? Updates.addToSet(members, member) : Updates.pull(members, member);
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(add)
                .returnDocument(ReturnDocument.AFTER).projection(Projections.include(counter, members));
        Document after;
        try {
            after = posts.findOneAndUpdate(Filters.eq("_id", postId), change, options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != DUPLICATE_KEY) {
                throw e;
            }
            after = posts.findOneAndUpdate(Filters.eq("_id", postId), change, options); // another upsert won
        }
        if (after == null) {
            return; // nothing to take the member from
        }
        int size = after.getList(members, String.class, List.of()).size();
        if (count(after, counter) != size) {
            posts.updateOne(Filters.eq("_id", postId), Updates.set(counter, size));
        }
    }

    /** A post as MongoDB keeps it: the post (null if only its counts are known) and the members of each count. */
    public record Snapshot(CachedPost post, Map<String, List<String>> members) {
    }

    /** The posts among {@code postIds} that MongoDB knows, with who counts in their counts. */
    public Map<String, Snapshot> snapshots(Collection<String> postIds) {
        Map<String, Snapshot> found = new HashMap<>();
        if (postIds.isEmpty()) {
            return found;
        }
        posts.find(Filters.in("_id", postIds)).forEach(document -> {
            Map<String, List<String>> members = new HashMap<>();
            for (String counter : List.of(FAVOURITES, REBLOGS, REPLIES)) {
                members.put(counter, document.getList(counter + MEMBERS, String.class, List.of()));
            }
            found.put(document.getString("_id"), new Snapshot(read(document), members));
        });
        return found;
    }

    public Optional<CachedPost> get(String postId) {
        return Optional.ofNullable(getAll(List.of(postId)).get(postId));
    }

    public Map<String, CachedPost> getAll(Collection<String> postIds) {
        Map<String, CachedPost> found = new HashMap<>();
        if (postIds.isEmpty()) {
            return found;
        }
        // by _id alone (with "post exists" it would be a scan): documents holding only counts read as null
        posts.find(Filters.in("_id", postIds)).projection(POST_ONLY).forEach(document -> {
            CachedPost post = read(document);
            if (post != null) {
                found.put(document.getString("_id"), post);
            }
        });
        return found;
    }

    private CachedPost read(Document document) {
        if (document.getString("post") == null) {
            return null;
        }
        try {
            return json.readValue(document.getString("post"), CachedPost.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cached post " + document.get("_id") + " is unreadable", e);
        }
    }

    /**
     * The counts of {@code postIds} and whether {@code viewerId} liked or reposted each of them: one read by
     * {@code _id} (asking MongoDB for the posts the viewer is among would be a scan of the collection in the stand-in).
     */
    public Map<String, Interactions> interactions(Collection<String> postIds, String viewerId) {
        Map<String, Interactions> found = new HashMap<>();
        if (postIds.isEmpty()) {
            return found;
        }
        posts.find(Filters.in("_id", postIds)).projection(Projections.include(FAVOURITES, REBLOGS, REPLIES,
                        FAVOURITES + MEMBERS, REBLOGS + MEMBERS))
                .forEach(document -> found.put(document.getString("_id"), new Interactions(count(document, REPLIES),
                        count(document, REBLOGS), count(document, FAVOURITES),
                        isMember(document, FAVOURITES, viewerId), isMember(document, REBLOGS, viewerId))));
        return found;
    }

    private static boolean isMember(Document document, String counter, String member) {
        return document.getList(counter + MEMBERS, String.class, List.of()).contains(member);
    }

    private static long count(Document document, String counter) {
        Number count = document.get(counter, Number.class);
        return count == null ? 0 : Math.max(0, count.longValue());
    }
}
