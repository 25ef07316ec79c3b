package org.socialfeed.notification.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Reads of the post leave out the member lists, which grow with the post's popularity. */
    private static final Bson POST_ONLY = Projections.include("post");

    private final MongoCollection<Document> posts;
    private final ObjectMapper json;

    public PostCache(MongoDatabase database, ObjectMapper json) {
        this.posts = database.getCollection("posts");
        this.json = json;
    }

    /** Stores the post (new or edited), keeping the counts it has. */
    public void put(CachedPost post) {
        try {
            posts.updateOne(Filters.eq("_id", post.postId()), Updates.set("post", json.writeValueAsString(post)),
                    new UpdateOptions().upsert(true));
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
     * the post: its counts are then kept for the post to come.
     */
    public void count(String postId, String counter, String member, boolean add) {
        String members = counter + MEMBERS;
        Bson update = add ? Updates.combine(Updates.push(members, member), Updates.inc(counter, 1))
                : Updates.combine(Updates.pull(members, member), Updates.inc(counter, -1));
        try {
            posts.updateOne(Filters.and(Filters.eq("_id", postId),
                            add ? Filters.ne(members, member) : Filters.eq(members, member)), update,
                    new UpdateOptions().upsert(add));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // the post is there and already counts the member: applied before
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
        posts.find(Filters.and(Filters.in("_id", postIds), Filters.exists("post"))).projection(POST_ONLY)
                .forEach(document -> found.put(document.getString("_id"), read(document)));
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

    /** The counts of {@code postIds} and whether {@code viewerId} liked or reposted each of them. */
    public Map<String, Interactions> interactions(Collection<String> postIds, String viewerId) {
        Map<String, Interactions> found = new HashMap<>();
        if (postIds.isEmpty()) {
            return found;
        }
        Set<String> liked = amongWith(postIds, FAVOURITES, viewerId);
        Set<String> reposted = amongWith(postIds, REBLOGS, viewerId);
        posts.find(Filters.in("_id", postIds)).projection(Projections.include(FAVOURITES, REBLOGS, REPLIES))
                .forEach(document -> {
                    String id = document.getString("_id");
                    found.put(id, new Interactions(count(document, REPLIES), count(document, REBLOGS),
                            count(document, FAVOURITES), liked.contains(id), reposted.contains(id)));
                });
        return found;
    }

    private Set<String> amongWith(Collection<String> postIds, String counter, String member) {
        Set<String> ids = new HashSet<>();
        posts.find(Filters.and(Filters.in("_id", postIds), Filters.eq(counter + MEMBERS, member)))
                .projection(Projections.include("_id")).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    private static long count(Document document, String counter) {
        Number count = document.get(counter, Number.class);
        return count == null ? 0 : Math.max(0, count.longValue());
    }
}
