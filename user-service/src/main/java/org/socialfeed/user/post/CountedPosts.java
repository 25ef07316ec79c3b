package org.socialfeed.user.post;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.user.account.AccountRepository;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** A post's creation as posts.events tells it; {@code day} (of its creation) may be unknown (null). */
    public record Creation(String postId, long authorId, LocalDate day) {
    }

    /**
     * Counts a run of creations in three round trips whatever its length: the posts' documents in one insert, the
     * authors' counters in one bulk write, the finished operations in one update. A post inserted now was never
     * counted, so its operation goes to its author without a per-operation condition; a post seen before (a
     * duplicate, a replay, or a run cut off by a crash) is finished one at a time as {@link #created} does.
     */
    public void createdAll(List<Creation> run) {
        Map<String, Creation> distinct = new LinkedHashMap<>();
        run.forEach(creation -> distinct.putIfAbsent(creation.postId(), creation)); // delivered twice in one batch
        List<Creation> creations = List.copyOf(distinct.values());
        Set<String> seenBefore = insertNew(creations);
        Map<Long, List<Creation>> byAuthor = creations.stream()
                .collect(Collectors.groupingBy(Creation::authorId, LinkedHashMap::new, Collectors.toList()));
        accounts.countNewPosts(byAuthor.entrySet().stream().map(author -> new AccountRepository.NewPosts(
                author.getKey(),
                author.getValue().stream().filter(creation -> !seenBefore.contains(creation.postId()))
                        .map(creation -> creationOp(creation.postId())).toList(),
                author.getValue().stream().map(Creation::day).filter(Objects::nonNull).max(LocalDate::compareTo)
                        .orElse(null))).toList());
        List<String> counted = creations.stream().map(Creation::postId).filter(id -> !seenBefore.contains(id)).toList();
        if (!counted.isEmpty()) {
            posts.updateMany(Filters.in("_id", counted), Updates.unset(PENDING_OP));
        }
        seenBefore.forEach(this::finishPending);
    }

    /** Inserts the creations' documents; returns the ids that were there already. */
    private Set<String> insertNew(List<Creation> creations) {
        try {
            posts.insertMany(creations.stream().map(creation -> document(creation.postId(), creation.authorId()))
                    .toList(), new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            Set<String> seenBefore = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                seenBefore.add(creations.get(error.getIndex()).postId());
            }
            return seenBefore;
        }
    }

    public void created(String postId, long authorId) {
        try {
            posts.insertOne(document(postId, authorId));
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

    /** A post counted from now on, with the operation that adds it to its author's statuses_count. */
    private static Document document(String postId, long authorId) {
        return new Document("_id", postId).append("authorId", authorId).append("state", CREATED)
                .append(PENDING_OP, new Document("op", creationOp(postId)).append("delta", 1L));
    }

    private static String creationOp(String postId) {
        return "post+" + postId;
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
