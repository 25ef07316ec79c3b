package org.socialfeed.benchmark.growth;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.socialfeed.stack.ServiceApp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grows the services' collections in the MongoDB-protocol store to a size (issue 17: a million posts, 100,000
 * accounts), so that posting and delivery can be measured again beside that much data. Every collection that grows
 * with posts or with accounts gets copies of one of its own documents, as the service wrote it, each with a new id,
 * new values for the collection's unique keys, no pending events (no outbox) and, for a post, an author of the grown
 * accounts. Their ids are from 2025 (time-ordered ids, ADR 3), older than anything the services wrote, so the
 * services meet them as data stored long ago: no event announced them, no timeline or read model holds them.
 */
public final class StoreGrowth {

    /** What a collection grows with. */
    public enum Kind { POSTS, ACCOUNTS }

    /** A collection that grows with posts or accounts, in the database of the service that keeps it. */
    public record Grown(ServiceApp service, String collection, Kind kind) {
        public String name() {
            return service.mongoDatabase() + "." + collection;
        }
    }

    /** How far one collection grew. */
    public record Growth(String collection, long before, long after, double seconds) {
    }

    public static final List<Grown> COLLECTIONS = List.of(
            new Grown(ServiceApp.POST, "posts", Kind.POSTS),
            new Grown(ServiceApp.USER, "counted_posts", Kind.POSTS),
            new Grown(ServiceApp.NOTIFICATION, "posts", Kind.POSTS),
            new Grown(ServiceApp.USER, "accounts", Kind.ACCOUNTS),
            new Grown(ServiceApp.POST, "accounts", Kind.ACCOUNTS),
            new Grown(ServiceApp.NOTIFICATION, "accounts", Kind.ACCOUNTS));

    private static final Instant ID_EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final int SEQUENCE_BITS = 12;
    private static final Instant GROWN_ACCOUNTS_FROM = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant GROWN_POSTS_FROM = Instant.parse("2025-03-01T00:00:00Z");
    /** Where {@link HotQueryTimes} takes the ids of the documents it writes to time the queries. */
    static final Instant PROBES_FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final int BATCH = 1_000;
    /** Collections written at once: the store takes writes to different collections side by side. */
    private static final int WRITERS = 3;

    private StoreGrowth() {
    }

    /**
     * Adds documents until each collection of {@link #COLLECTIONS} holds at least {@code posts} or
     * {@code accounts} of them; a collection the services left empty has no document to copy and stays empty.
     */
    public static List<Growth> grow(String mongoUri, long posts, int accounts, Consumer<String> say)
            throws InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (MongoClient client = MongoClients.create(mongoUri)) {
            List<Future<Growth>> running = new ArrayList<>();
            for (Grown grown : COLLECTIONS) {
                long size = grown.kind() == Kind.POSTS ? posts : accounts;
                running.add(writers.submit(() -> grow(collection(client, grown), grown, size, accounts, say)));
            }
            List<Growth> growths = new ArrayList<>();
            for (Future<Growth> growth : running) {
                growths.add(growth.get());
            }
            return growths;
        } catch (ExecutionException e) {
            throw new IllegalStateException("growing the store failed", e.getCause());
        } finally {
            writers.shutdownNow();
        }
    }

    static MongoCollection<Document> collection(MongoClient client, Grown grown) {
        return client.getDatabase(grown.service().mongoDatabase()).getCollection(grown.collection());
    }

    private static Growth grow(MongoCollection<Document> collection, Grown grown, long size, int accounts,
                               Consumer<String> say) {
        long start = System.nanoTime();
        long before = collection.estimatedDocumentCount();
        Document template = collection.find().first();
        if (template == null || before >= size) {
            return new Growth(grown.name(), before, before, 0);
        }
        Set<String> uniqueKeys = uniqueKeys(collection);
        long added = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        for (long index = 0; index < size - before; index++) {
            batch.add(copy(template, uniqueKeys, grownId(grown.kind(), index),
                    grownId(Kind.ACCOUNTS, index % accounts)));
            if (batch.size() == BATCH || index == size - before - 1) {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
                added += batch.size();
                batch.clear();
                if (added % 200_000 == 0) {
                    say.accept(String.format("  grown %s by %,d documents", grown.name(), added));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        say.accept(String.format("  grown %s from %,d to %,d documents in %.0f s", grown.name(), before,
                before + added, seconds));
        return new Growth(grown.name(), before, before + added, seconds);
    }

    /** The fields of the collection's unique indexes other than {@code _id}: each copy needs values of its own. */
    static Set<String> uniqueKeys(MongoCollection<Document> collection) {
        Set<String> keys = new LinkedHashSet<>();
        for (Document index : collection.listIndexes()) {
            if (index.getBoolean("unique", false)) {
                keys.addAll(index.get("key", Document.class).keySet());
            }
        }
        keys.remove("_id");
        return keys;
    }

    /**
     * {@code template} with {@code id}, unique values derived from it, no outbox, and (if it names an author)
     * {@code authorId} as its author. Ids keep the template's type (a number or its decimal string).
     */
    static Document copy(Document template, Set<String> uniqueKeys, long id, long authorId) {
        Document copy = new Document(template);
        copy.remove("outbox");
        copy.put("_id", sameType(template.get("_id"), id));
        String unique = "g" + id;
        for (String key : uniqueKeys) {
            if (copy.get(key) != null) {
                copy.put(key, copy.get(key) instanceof Number ? id : unique);
            }
        }
        if (copy.containsKey("username")) {
            copy.put("username", unique);
        }
        if (copy.get("authorId") != null) {
            copy.put("authorId", sameType(copy.get("authorId"), authorId));
        }
        if (copy.get("author") instanceof Document author) {
            copy.put("author", new Document(author).append("id", Long.toString(authorId))
                    .append("username", "g" + authorId));
        }
        return copy;
    }

    /** The {@code index}th grown id of {@code kind}: 4,096 per millisecond from its start, as ADR 3's ids are made. */
    static long grownId(Kind kind, long index) {
        return idAt(kind == Kind.POSTS ? GROWN_POSTS_FROM : GROWN_ACCOUNTS_FROM, index);
    }

    static long idAt(Instant from, long index) {
        long millis = from.toEpochMilli() - ID_EPOCH.toEpochMilli() + index / (1 << SEQUENCE_BITS);
        return millis << SEQUENCE_BITS | index % (1 << SEQUENCE_BITS);
    }

    static Object sameType(Object like, long id) {
        return like instanceof String ? Long.toString(id) : id;
    }
}
