package org.socialfeed.post.favourite;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.outbox.OutboxOwner;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.paging.PageRequest;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code favourites} collection: one document per (post, account), id {@code postId:accountId}, whose state
 * flips between liked and unliked. The unique id is what keeps a repeated or concurrent like from counting twice;
 * the document stays after an unlike so the outbox carrying the unlike event survives. {@code seq} orders the
 * likes of a post for paging (a new id on every like).
 */
@ApplicationScoped
@Startup
public class FavouriteRepository implements OutboxOwner {

    private static final String LIKED = "liked";
    private static final String UNLIKED = "unliked";

    /** A like in a page of "favourited by": its paging id and who liked, as they were when they liked. */
    public record Like(long seq, AccountRef actor) {
        public long accountId() {
            return Long.parseLong(actor.id());
        }
    }

    private final MongoCollection<Document> favourites;

    public FavouriteRepository(MongoDatabase database) {
        this.favourites = database.getCollection("favourites");
    }

    @PostConstruct
    void createIndexes() {
        favourites.createIndex(Indexes.compoundIndex(Indexes.ascending("postId"), Indexes.descending("seq")));
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(collection());
    }

    public MongoCollection<Document> collection() {
        return favourites;
    }

    public static String key(long postId, long accountId) {
        return postId + ":" + accountId;
    }

    /**
     * Moves the pair to liked or unliked with its event, unless it already is.
     *
     * @return true if the state changed (and the event was stored)
     */
    public boolean transition(long postId, AccountRef actor, boolean liked, long seq, OutgoingEvent event) {
        String state = liked ? LIKED : UNLIKED;
        long accountId = Long.parseLong(actor.id());
        try {
            var result = favourites.updateOne(
                    Filters.and(Filters.eq("_id", key(postId, accountId)), Filters.ne("state", state)),
                    Updates.combine(Updates.set("state", state), Updates.set("postId", postId),
                            Updates.set("accountId", accountId), Updates.set("seq", seq),
                            Updates.set("actor", new Document("id", actor.id()).append("username", actor.username())
                                    .append("displayName", actor.displayName())),
                            Outbox.append(List.of(event))),
                    new UpdateOptions().upsert(liked));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // a concurrent like of the same pair won the upsert
            }
            throw e;
        }
    }

    /** Which of {@code postIds} the account currently likes. */
    public Set<Long> likedAmong(long accountId, Collection<Long> postIds) {
        Set<Long> liked = new HashSet<>();
        if (postIds.isEmpty()) {
            return liked;
        }
        List<String> keys = postIds.stream().map(postId -> key(postId, accountId)).toList();
        // only _id in the filter, so even a store that scans for anything else answers it from the _id index
        favourites.find(Filters.in("_id", keys)).projection(new Document("postId", 1).append("state", 1))
                .forEach(document -> {
                    if (LIKED.equals(document.getString("state"))) {
                        liked.add(document.getLong("postId"));
                    }
                });
        return liked;
    }

    /** Who likes a post, most recent like first. */
    public List<Like> likesOf(long postId, PageRequest page) {
        return MongoPages.read(favourites, Filters.and(Filters.eq("postId", postId), Filters.eq("state", LIKED)),
                null, "seq", page, document -> {
                    Document actor = document.get("actor", Document.class);
                    return new Like(document.getLong("seq"), new AccountRef(actor.getString("id"),
                            actor.getString("username"), actor.getString("displayName")));
                });
    }
}
