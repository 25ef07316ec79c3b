package org.socialfeed.post.status;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.mongo.AccountRefDocuments;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.outbox.OutboxOwner;
import org.socialfeed.support.paging.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code posts} collection: statuses with their counters, edit history and outbox. A deleted post stays as a
 * tombstone (text removed) so the outbox carrying its deletion survives. Two sparse unique keys make retries
 * harmless: {@code idempotencyKey} (author id and the client's Idempotency-Key) and {@code repostKey}
 * (original id and reposter id, present while the repost stands).
 */
@ApplicationScoped
@Startup
public class PostRepository implements OutboxOwner {

    public static final String FAVOURITES = "favouritesCount";
    public static final String REBLOGS = "reblogsCount";
    public static final String REPLIES = "repliesCount";

    /** Which unique key an insert collided with. */
    public enum Clash { NONE, ID, IDEMPOTENCY_KEY, REPOST_KEY }

    private final MongoCollection<Document> posts;

    public PostRepository(MongoDatabase database) {
        this.posts = database.getCollection("posts");
    }

    @PostConstruct
    void createIndexes() {
        posts.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).sparse(true));
        posts.createIndex(Indexes.ascending("repostKey"), new IndexOptions().unique(true).sparse(true));
        posts.createIndex(Indexes.compoundIndex(Indexes.ascending("authorId"), Indexes.descending("_id")));
        posts.createIndex(Indexes.ascending("inReplyToId"));
        posts.createIndex(Indexes.ascending("reblogOfId"));
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(collection());
    }

    public MongoCollection<Document> collection() {
        return posts;
    }

    /** Inserts the post with its events; tells which unique key clashed if it could not. */
    public Clash insert(Post post, String idempotencyKey, String repostKey, List<OutgoingEvent> events) {
        Document document = toDocument(post).append(Outbox.FIELD, Outbox.field(events));
        if (idempotencyKey != null) {
            document.append("idempotencyKey", idempotencyKey);
        }
        if (repostKey != null) {
            document.append("repostKey", repostKey);
        }
        try {
            posts.insertOne(document);
            return Clash.NONE;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            String message = e.getError().getMessage();
            if (message.contains("idempotencyKey")) {
                return Clash.IDEMPOTENCY_KEY;
            }
            return message.contains("repostKey") ? Clash.REPOST_KEY : Clash.ID;
        }
    }

    public Optional<Post> findById(long id) {
        return Optional.ofNullable(posts.find(Filters.eq("_id", id)).first()).map(PostRepository::toPost);
    }

    public Map<Long, Post> findByIds(Collection<Long> ids) {
        Map<Long, Post> found = new HashMap<>();
        if (!ids.isEmpty()) {
            posts.find(Filters.in("_id", ids)).forEach(document -> found.put(document.getLong("_id"), toPost(document)));
        }
        return found;
    }

    public Optional<Post> findByIdempotencyKey(String key) {
        return Optional.ofNullable(posts.find(Filters.eq("idempotencyKey", key)).first()).map(PostRepository::toPost);
    }

    public Optional<Post> findStandingRepost(String repostKey) {
        return Optional.ofNullable(posts.find(Filters.eq("repostKey", repostKey)).first()).map(PostRepository::toPost);
    }

    /** Which of {@code originalIds} the account has reposted (and not undone). */
    public Collection<Long> repostedOriginals(long reposterId, Collection<Long> originalIds) {
        List<Long> reposted = new ArrayList<>();
        if (originalIds.isEmpty()) {
            return reposted;
        }
        // by the unique repost key a standing repost carries: an index lookup, never a scan of the author's posts
        posts.find(Filters.in("repostKey", originalIds.stream().map(id -> repostKey(id, reposterId)).toList()))
                .projection(new Document("reblogOfId", 1))
                .forEach(document -> reposted.add(document.getLong("reblogOfId")));
        return reposted;
    }

    /** The unique key of a standing repost: the original's id and the reposter's. */
    public static String repostKey(long originalId, long reposterId) {
        return originalId + ":" + reposterId;
    }

    /**
     * Replaces the text of version {@code expectedVersion}, keeping the replaced version in the history.
     *
     * @return false if the post changed (or was deleted) since it was read
     */
    public boolean edit(Post edited, Post.Version replaced, int expectedVersion, OutgoingEvent event) {
        var result = posts.updateOne(
                Filters.and(Filters.eq("_id", edited.id()), Filters.eq("version", expectedVersion),
                        Filters.eq("deleted", false)),
                Updates.combine(
                        Updates.set("text", edited.text()),
                        Updates.set("content", edited.content()),
                        Updates.set("mentions", edited.mentions().stream().map(PostRepository::toDocument).toList()),
                        Updates.set("hashtags", edited.hashtags()),
                        Updates.set("media", edited.media().stream().map(PostRepository::toDocument).toList()),
                        Updates.set("spoilerText", edited.spoilerText()),
                        Updates.set("sensitive", edited.sensitive()),
                        Updates.set("language", edited.language()),
                        Updates.set("editedAt", Date.from(edited.editedAt())),
                        Updates.set("version", expectedVersion + 1),
                        Updates.push("history", toDocument(replaced)),
                        Outbox.append(List.of(event))));
        return result.getModifiedCount() > 0;
    }

    public List<Post.Version> history(long id) {
        Document document = posts.find(Filters.eq("_id", id)).projection(new Document("history", 1)).first();
        if (document == null) {
            return List.of();
        }
        return document.getList("history", Document.class, List.of()).stream()
                .map(version -> new Post.Version(version.getString("text"), version.getString("content"),
                        spoilerText(version), version.getBoolean("sensitive", false), media(version),
                        version.getDate("at").toInstant()))
                .toList();
    }

    /**
     * Turns the post into a tombstone with its deletion event, once: the text, media and history go, the id,
     * author, idempotency key (a late retry must not post again) and outbox stay. A repost also gives up its repost key, so the original can be reposted again.
     *
     * @return false if it was already deleted
     */
    public boolean markDeleted(long id, Instant deletedAt, List<OutgoingEvent> events) {
        var result = posts.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("deleted", false)),
                Updates.combine(
                        Updates.set("deleted", true),
                        Updates.set("deletedAt", Date.from(deletedAt)),
                        Updates.set("text", ""),
                        Updates.set("content", ""),
                        Updates.set("media", List.of()),
                        Updates.set("history", List.of()),
                        Updates.unset("repostKey"),
                        Outbox.append(events)));
        return result.getModifiedCount() > 0;
    }

    public void increment(long id, String counter, int delta) {
        posts.updateOne(Filters.eq("_id", id), Updates.inc(counter, (long) delta));
    }

    /**
     * An author's statuses (posts and reposts) in a page, newest first: those of the given visibilities, and those
     * that mention {@code mentionedId} (null: nobody).
     */
    public List<Post> byAuthor(long authorId, PageRequest page, Set<Visibility> visibilities, Long mentionedId,
                               boolean excludeReplies, boolean excludeReposts) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("authorId", authorId), Filters.eq("deleted", false)));
        if (visibilities.size() < Visibility.values().length) {
            Bson shown = Filters.in("visibility", visibilities.stream().map(Visibility::name).toList());
            filters.add(mentionedId == null ? shown
                    : Filters.or(shown, Filters.eq("mentions.id", mentionedId.toString())));
        }
        if (excludeReplies) {
            filters.add(Filters.eq("inReplyToId", null));
        }
        if (excludeReposts) {
            filters.add(Filters.eq("reblogOfId", null));
        }
        return page(filters, page);
    }

    /** The standing reposts of a post, newest first. */
    public List<Post> repostsOf(long originalId, PageRequest page) {
        return page(new ArrayList<>(List.of(Filters.eq("reblogOfId", originalId), Filters.eq("deleted", false))), page);
    }

    /** Ids of standing reposts of a post, however many. */
    public List<Long> allRepostIds(long originalId) {
        List<Long> ids = new ArrayList<>();
        posts.find(Filters.and(Filters.eq("reblogOfId", originalId), Filters.eq("deleted", false)))
                .projection(new Document("_id", 1)).forEach(document -> ids.add(document.getLong("_id")));
        return ids;
    }

    /** Replies (not deleted) to any of {@code parentIds}, oldest first. */
    public List<Post> repliesTo(Collection<Long> parentIds, int limit) {
        List<Post> replies = new ArrayList<>();
        posts.find(Filters.and(Filters.in("inReplyToId", parentIds), Filters.eq("deleted", false)))
                .sort(Sorts.ascending("_id")).limit(limit).forEach(document -> replies.add(toPost(document)));
        return replies;
    }

    private List<Post> page(List<Bson> filters, PageRequest page) {
        return MongoPages.read(posts, Filters.and(filters), null, "_id", page, PostRepository::toPost);
    }

    private static Document toDocument(Post post) {
        return new Document("_id", post.id())
                .append("authorId", post.authorId())
                .append("author", toDocument(post.author()))
                .append("text", post.text())
                .append("content", post.content())
                .append("visibility", post.visibility().name())
                .append("inReplyToId", post.inReplyToId())
                .append("inReplyToAccountId", post.inReplyToAccountId())
                .append("quoteId", post.quoteId())
                .append("reblogOfId", post.reblogOfId())
                .append("mentions", post.mentions().stream().map(PostRepository::toDocument).toList())
                .append("hashtags", post.hashtags())
                .append("media", post.media().stream().map(PostRepository::toDocument).toList())
                .append("spoilerText", post.spoilerText())
                .append("sensitive", post.sensitive())
                .append("language", post.language())
                .append("createdAt", Date.from(post.createdAt()))
                .append("editedAt", post.editedAt() == null ? null : Date.from(post.editedAt()))
                .append("version", post.version())
                .append("deleted", post.deleted())
                .append(FAVOURITES, post.favouritesCount())
                .append(REBLOGS, post.reblogsCount())
                .append(REPLIES, post.repliesCount());
    }

    private static Document toDocument(MediaRef media) {
        return new Document("id", media.id()).append("type", media.type()).append("url", media.url())
                .append("description", media.description());
    }

    private static Document toDocument(Post.Version version) {
        return new Document("text", version.text()).append("content", version.content())
                .append("spoilerText", version.spoilerText()).append("sensitive", version.sensitive())
                .append("media", version.media().stream().map(PostRepository::toDocument).toList())
                .append("at", Date.from(version.at()));
    }

    private static Document toDocument(AccountRef account) {
        return AccountRefDocuments.toDocument(account);
    }

    private static AccountRef account(Document document) {
        return AccountRefDocuments.fromDocument(document, "id");
    }

    private static List<MediaRef> media(Document document) {
        return document.getList("media", Document.class, List.of()).stream()
                .map(media -> new MediaRef(media.getString("id"), media.getString("type"), media.getString("url"),
                        media.getString("description")))
                .toList();
    }

    /** Posts and versions stored before content warnings existed have none. */
    private static String spoilerText(Document document) {
        return document.get("spoilerText", "");
    }

    private static Post toPost(Document document) {
        Date editedAt = document.getDate("editedAt");
        return new Post(document.getLong("_id"), account(document.get("author", Document.class)),
                document.getString("text"), document.getString("content"),
                Visibility.valueOf(document.getString("visibility")),
                document.getLong("inReplyToId"), document.getLong("inReplyToAccountId"),
                document.getLong("quoteId"), document.getLong("reblogOfId"),
                document.getList("mentions", Document.class, List.of()).stream().map(PostRepository::account).toList(),
                document.getList("hashtags", String.class, List.of()),
                media(document),
                spoilerText(document), document.getBoolean("sensitive", false), document.getString("language"),
                document.getDate("createdAt").toInstant(), editedAt == null ? null : editedAt.toInstant(),
                document.getInteger("version", 0), document.getBoolean("deleted", false),
                count(document, FAVOURITES), count(document, REBLOGS), count(document, REPLIES));
    }

    private static long count(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
