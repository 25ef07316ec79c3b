package org.socialfeed.stack;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueOrderedH2BackendTest {

    private static final int DOCUMENTS = 2_000;

    @TempDir
    Path directory;

    @Test
    void dataWrittenByTheStockBackendIsFoundAndKeptUniqueAfterTheUpgradeAndAfterTheNextStart() throws IOException {
        Path stock = directory.resolve("stock.mv");
        withCollection(new H2Backend(stock.toString()), users -> {
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            IntStream.range(0, DOCUMENTS).forEach(i ->
                    users.insertOne(new Document("_id", "u" + i).append("email", "user" + i + "@example.com")));
        });

        Path upgraded = directory.resolve("upgraded.mv");
        ValueOrderedH2Backend.upgrade(stock, upgraded);
        assertThat(stock).doesNotExist();
        for (int start = 1; start <= 2; start++) { // a write, then the next start
            withCollection(ValueOrderedH2Backend.onDisk(upgraded.toString()), users -> {
                IntStream.range(0, DOCUMENTS).forEach(i -> {
                    assertThat(users.find(Filters.eq("_id", "u" + i)).first()).isNotNull();
                    assertThat(users.find(Filters.eq("email", "user" + i + "@example.com")).first())
                            .extracting(found -> found.get("_id")).isEqualTo("u" + i);
                });
                assertThatThrownBy(() -> users.insertOne(new Document("_id", "other").append("email",
                        "user7@example.com"))).isInstanceOf(MongoWriteException.class);
                assertThatThrownBy(() -> users.insertOne(new Document("_id", "u7")))
                        .isInstanceOf(MongoWriteException.class);
                users.insertOne(new Document("_id", "new" + users.countDocuments()).append("email",
                        "new" + users.countDocuments() + "@example.com"));
            });
        }
    }

    @Test
    void uniqueIndexKeysAreWrittenAsBsonAndThoseJavaSerializedBeforeStillRead() {
        KeyValue key = new KeyValue(java.util.Arrays.asList("alice", 246676022436525L, 7, null));
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, key); // as H2's type, and this order before, wrote every key
        WriteBuffer bson = new WriteBuffer();
        ValueOrderedH2Backend.KEY_ORDER.write(bson, key);

        assertThat(bson.position()).isLessThan(serialized.position() / 2);
        for (WriteBuffer written : List.of(serialized, bson)) {
            Object read = ValueOrderedH2Backend.KEY_ORDER.read(written.getBuffer().flip());
            assertThat(read).isEqualTo(key);
            assertThat(ValueOrderedH2Backend.KEY_ORDER.compare(read, key)).isZero();
        }
    }

    @Test
    void keysAreEqualExactlyWhenTheyWereBefore() {
        withCollection(ValueOrderedH2Backend.inMemory(), things -> {
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", 1).append("key", "1"));
            things.insertOne(new Document("_id", 2).append("key", 1L));
            things.insertOne(new Document("_id", 3).append("key", new Document("a", 1).append("b", 2)));
            things.insertOne(new Document("_id", 4).append("key", new Document("b", 2).append("a", 1)));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 5).append("key",
                    new Document("a", 1).append("b", 2)))).isInstanceOf(MongoWriteException.class);
            assertThat(things.find(Filters.eq("key", "1")).first()).extracting(found -> found.get("_id"))
                    .isEqualTo(1);
            assertThat(things.find(Filters.eq("key", new Document("b", 2).append("a", 1))).first())
                    .extracting(found -> found.get("_id")).isEqualTo(4);
        });
    }

    @Test
    void inQueriesFindWhatTheStockBackendFinds() {
        List<Document> documents = new ArrayList<>();
        IntStream.range(0, DOCUMENTS).forEach(i -> documents.add(new Document("_id", "d" + i).append("n", (long) i)));
        documents.add(new Document("_id", "int").append("n", 5));
        documents.add(new Document("_id", "double").append("n", 5.0));
        documents.add(new Document("_id", "string").append("n", "5"));
        documents.add(new Document("_id", "null").append("n", null));
        documents.add(new Document("_id", "missing"));
        documents.add(new Document("_id", "array").append("n", List.of(5L, 6L)));
        documents.add(new Document("_id", "huge").append("n", (1L << 53) + 1));
        List<Bson> queries = List.of(
                Filters.in("_id", IntStream.range(0, DOCUMENTS).filter(i -> i % 3 == 0).mapToObj(i -> "d" + i)
                        .toList()),
                Filters.in("_id", "d1", "int", "nowhere"), Filters.in("n", 5L), Filters.in("n", 5), Filters.in("n", "5"),
                Filters.in("n", 5.0), Filters.in("n", 5L, null), Filters.in("n", 6L), Filters.in("n", (1L << 53) + 1),
                Filters.in("n", List.of(5L, 6L)), Filters.and(Filters.in("_id", "d5", "int"), Filters.in("n", 5L)));
        Map<String, List<List<Object>>> found = new LinkedHashMap<>();
        Map<String, AbstractMongoBackend> backends = new LinkedHashMap<>();
        backends.put("stock", new MemoryBackend());
        backends.put("value ordered", ValueOrderedH2Backend.inMemory());
        backends.forEach((name, backend) -> withCollection(backend, things -> {
            things.insertMany(documents);
            found.put(name, queries.stream().map(query -> things.find(query).map(document -> document.get("_id"))
                    .into(new ArrayList<>()).stream().sorted(Comparator.comparing(Object::toString)).toList())
                    .toList());
        }));
        assertThat(found.get("value ordered")).isEqualTo(found.get("stock"));
        assertThat(found.get("stock").get(0)).hasSize((DOCUMENTS + 2) / 3);
    }

    /**
     * Queries a secondary index answers ({@link FieldValueIndex}) find what the stock backend finds by reading every
     * document, in the same order, before and after updates that move documents between values and deletes, and
     * after a restart; the index is built from the documents already there when it is created.
     */
    @Test
    void secondaryIndexQueriesFindWhatTheStockBackendFindsInTheSameOrder() {
        List<Document> documents = new ArrayList<>();
        IntStream.range(0, DOCUMENTS).forEach(i -> documents.add(new Document("_id", (long) i)
                .append("authorId", (long) (i % 7)).append("deleted", i % 5 == 0).append("n", i % 3)));
        documents.add(new Document("_id", 10_001L).append("authorId", 3));
        documents.add(new Document("_id", 10_002L).append("authorId", 3.0));
        documents.add(new Document("_id", 10_003L).append("authorId", "3"));
        documents.add(new Document("_id", 10_004L).append("authorId", List.of(3L, 4L)));
        documents.add(new Document("_id", 10_005L).append("authorId", null));
        documents.add(new Document("_id", 10_006L));
        documents.add(new Document("_id", 10_007L).append("authorId", 3.5));
        documents.add(new Document("_id", 10_008L).append("authorId", (double) ((1L << 53) + 2)));
        List<Query> queries = List.of(
                new Query(Filters.eq("authorId", 3L), new Document("_id", -1), 20),
                new Query(Filters.eq("authorId", 3), new Document("_id", -1), 0),
                new Query(Filters.and(Filters.eq("authorId", 3L), Filters.eq("deleted", false),
                        Filters.lt("_id", 1_000L)), new Document("_id", -1), 20),
                new Query(Filters.and(Filters.eq("authorId", 4L), Filters.gt("_id", 500L)), new Document("_id", 1), 20),
                new Query(Filters.and(Filters.and(Filters.eq("authorId", 3L), Filters.eq("deleted", false)),
                        Filters.gt("_id", 10L), Filters.lt("_id", 1_500L)), new Document("_id", -1), 20),
                new Query(Filters.eq("authorId", 4L), null, 0),
                new Query(Filters.eq("authorId", 4L), new Document("n", 1).append("_id", -1), 15),
                new Query(Filters.eq("authorId", "3"), new Document("_id", -1), 0),
                new Query(Filters.eq("authorId", 3.5), new Document("_id", -1), 0),
                new Query(Filters.eq("authorId", null), new Document("_id", -1), 0),
                new Query(Filters.eq("authorId", 99L), new Document("_id", -1), 20),
                new Query(Filters.eq("authorId", (1L << 53) + 2), new Document("_id", -1), 0));
        List<List<Object>> stock = new ArrayList<>();
        withCollection(new MemoryBackend(), things ->
                stock.addAll(findBeforeAndAfterChanges(things, documents, queries)));
        Path file = directory.resolve("secondary.mv");
        List<List<Object>> valueOrdered = new ArrayList<>();
        withCollection(ValueOrderedH2Backend.onDisk(file.toString()), things ->
                valueOrdered.addAll(findBeforeAndAfterChanges(things, documents, queries)));
        assertThat(valueOrdered).isEqualTo(stock);
        withCollection(ValueOrderedH2Backend.onDisk(file.toString()), things -> assertThat(queries.stream()
                .map(query -> query.ids(things)).toList()).isEqualTo(stock.subList(queries.size(), stock.size())));
        assertThat(stock.get(0)).hasSize(20);
    }

    /** The queries' answers with half the documents there when the index is created, then after changes. */
    private static List<List<Object>> findBeforeAndAfterChanges(MongoCollection<Document> things,
                                                                List<Document> documents, List<Query> queries) {
        List<List<Object>> answers = new ArrayList<>();
        things.insertMany(documents.subList(0, DOCUMENTS / 2));
        things.createIndex(Indexes.compoundIndex(Indexes.ascending("authorId"), Indexes.descending("_id")));
        things.insertMany(documents.subList(DOCUMENTS / 2, documents.size()));
        queries.forEach(query -> answers.add(query.ids(things)));
        things.updateMany(Filters.eq("n", 1), new Document("$set", new Document("authorId", 4L)));
        things.deleteMany(Filters.eq("n", 2));
        things.updateOne(Filters.eq("_id", 10_004L), new Document("$set", new Document("authorId", List.of(4L))));
        queries.forEach(query -> answers.add(query.ids(things)));
        return answers;
    }

    private record Query(Bson filter, Document sort, int limit) {
        List<Object> ids(MongoCollection<Document> things) {
            var find = things.find(filter).limit(limit);
            return (sort == null ? find : find.sort(sort)).map(document -> document.get("_id")).into(new ArrayList<>());
        }
    }

    /** A long scan must not hold up lookups as the stock collection's one lock did; writes still take turns. */
    @Test
    void queriesDoNotWaitForTheLockThatWritesTake() {
        ValueOrderedH2Backend backend = ValueOrderedH2Backend.inMemory();
        withCollection(backend, things -> {
            things.insertOne(new Document("_id", "a"));
            Object collection = backend.resolveDatabase("test").resolveCollection("things", true);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<?> write;
                synchronized (collection) { // as a write (or, before, a scan) holds it
                    Future<Document> read = other.submit(() -> things.find(Filters.eq("_id", "a")).first());
                    assertThat(read.get(30, TimeUnit.SECONDS)).isNotNull();
                    write = other.submit(() -> things.insertOne(new Document("_id", "b")));
                    assertThatThrownBy(() -> write.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
                }
                write.get(30, TimeUnit.SECONDS);
                assertThat(things.countDocuments()).isEqualTo(2);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new AssertionError(e);
            } finally {
                other.shutdownNow();
            }
        });
    }

    /** Documents are stored as BSON: every kind of value the services write reads back as written, after a restart. */
    @Test
    void documentsOfEveryKindReadBackAsWrittenAfterARestart() {
        Path file = directory.resolve("bson.mv");
        List<Document> written = List.of(
                new Document("_id", 1L).append("text", "Grüße 🌧️ \"quoted\"\n").append("int", 7).append("long", 1L << 60)
                        .append("double", 0.1).append("flag", true).append("nothing", null)
                        .append("at", new java.util.Date(1_764_000_000_123L)).append("oid", new ObjectId())
                        .append("bytes", new Binary(new byte[]{0, 1, -2})).append("decimal", new Decimal128(12345L))
                        .append("nested", new Document("list", List.of(1L, "two", new Document("three", 3.0)))),
                new Document("_id", "text-id").append("empty", new Document()).append("emptyList", List.of()),
                new Document("_id", new Document("compound", 1).append("key", "k")).append("n", -1));
        withCollection(ValueOrderedH2Backend.onDisk(file.toString()), things -> things.insertMany(written));

        withCollection(ValueOrderedH2Backend.onDisk(file.toString()), things -> {
            List<Document> read = things.find().into(new ArrayList<>());
            assertThat(read).containsExactlyInAnyOrderElementsOf(written);
            things.updateOne(Filters.eq("_id", 1L), new Document("$set", new Document("text", "edited")));
        });
        withCollection(ValueOrderedH2Backend.onDisk(file.toString()), things ->
                assertThat(things.find(Filters.eq("_id", 1L)).first()).extracting(found -> found.get("text"))
                        .isEqualTo("edited"));
    }

    private static void withCollection(AbstractMongoBackend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            use.accept(client.getDatabase("test").getCollection("things"));
        } finally {
            server.shutdown();
        }
    }
}
