package org.socialfeed.notification.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small cache of posts from posts.events (created, edited, deleted), so a notification about a post embeds the
 * Status without calling post-service. Each post is stored as its JSON under {@code post}.
 */
@ApplicationScoped
public class PostCache {

    private final MongoCollection<Document> posts;
    private final ObjectMapper json;

    public PostCache(MongoDatabase database, ObjectMapper json) {
        this.posts = database.getCollection("posts");
        this.json = json;
    }

    public void put(CachedPost post) {
        try {
            posts.replaceOne(Filters.eq("_id", post.postId()),
                    new Document("_id", post.postId()).append("post", json.writeValueAsString(post)),
                    new ReplaceOptions().upsert(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Post " + post.postId() + " cannot be cached", e);
        }
    }

    public void remove(String postId) {
        posts.deleteOne(Filters.eq("_id", postId));
    }

    public Optional<CachedPost> get(String postId) {
        return Optional.ofNullable(getAll(java.util.List.of(postId)).get(postId));
    }

    public Map<String, CachedPost> getAll(Collection<String> postIds) {
        Map<String, CachedPost> found = new HashMap<>();
        if (postIds.isEmpty()) {
            return found;
        }
        posts.find(Filters.in("_id", postIds)).forEach(document -> {
            try {
                found.put(document.getString("_id"), json.readValue(document.getString("post"), CachedPost.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cached post " + document.get("_id") + " is unreadable", e);
            }
        });
        return found;
    }
}
