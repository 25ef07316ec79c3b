package org.socialfeed.user.post;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.user.account.AccountRepository;

/**
 * Keeps statuses_count exact from posts.events. One document per post id remembers whether the post was counted
 * and whether it was deleted, so a replayed or duplicated event changes nothing. Each change records its counter
 * operation ({@code pendingOp}) before applying it; the account applies an operation once, so re-processing a
 * record after a crash finishes the change instead of repeating it.
 */
@ApplicationScoped
public class CountedPosts {

    private static final String CREATED = "created";
    private static final String DELETED = "deleted";
    private static final String PENDING_OP = "pendingOp";

    private final MongoCollection<Document> posts;
    private final AccountRepository accounts;

    public CountedPosts(MongoDatabase database, AccountRepository accounts) {
        this.posts = database.getCollection("counted_posts");
        this.accounts = accounts;
    }

    /** How many posts were ever counted, deleted ones included, from the collection's metadata (no scan). */
    public long estimatedCount() {
        return posts.estimatedDocumentCount();
    }

    public void created(String postId, long authorId) {
        try {
            posts.insertOne(new Document("_id", postId).append("authorId", authorId).append("state", CREATED)
                    .append(PENDING_OP, new Document("op", "post+" + postId).append("delta", 1L)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // seen before (or deleted before it was seen): only an unfinished change is left to do
        }
        finishPending(postId);
    }

    public void deleted(String postId, long authorId) {
        finishPending(postId); // a creation still pending is applied first, so the pair nets to zero
        Document before = posts.findOneAndUpdate(Filters.and(Filters.eq("_id", postId), Filters.eq("state", CREATED)),
                Updates.combine(Updates.set("state", DELETED),
                        Updates.set(PENDING_OP, new Document("op", "post-" + postId).append("delta", -1L))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            try { // never counted: remember the deletion so a late or replayed creation is not counted
                posts.insertOne(new Document("_id", postId).append("authorId", authorId).append("state", DELETED));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        finishPending(postId);
    }

    private void finishPending(String postId) {
        Document post = posts.find(Filters.eq("_id", postId)).first();
        Document pending = post == null ? null : post.get(PENDING_OP, Document.class);
        if (pending != null) {
            accounts.applyCount(post.getLong("authorId"), pending.getString("op"), AccountRepository.STATUSES_COUNT,
                    pending.get("delta", Number.class).longValue());
            posts.updateOne(Filters.and(Filters.eq("_id", postId), Filters.eq(PENDING_OP + ".op", pending.getString("op"))),
                    Updates.unset(PENDING_OP));
        }
    }
}
