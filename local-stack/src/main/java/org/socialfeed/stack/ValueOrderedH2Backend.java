package org.socialfeed.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's H2 backend, with its unique indexes ordered by their values ({@link KeyOrder}). The stock
 * backend keeps a unique index in an H2 map whose keys H2 cannot compare natively, so every comparison of a lookup's
 * binary search serializes both keys with Java serialization: about 40% of the stand-in's CPU while posting. Here
 * strings and numbers compare as such.
 * <p>
 * The order is not the stock backend's: a data file it wrote is converted once ({@link #upgrade}). A query of one
 * field by {@code $in} is matched through a hash set ({@link InMatchingCollection}). And documents are stored as BSON
 * ({@link BsonDocuments}) rather than by Java serialization.
 */
public final class ValueOrderedH2Backend extends H2Backend {

    /** What the stock backend's index maps are named by: {@code <database>.<collection>._index_<index>}. */
    private static final String INDEX_MAP = "._index_";
    /** What the stock backend's document maps are named by: {@code databases.<database>.<collection>}. */
    private static final String DATA_MAP = "databases.";
    static final KeyOrder KEY_ORDER = new KeyOrder();
    private static final Constructor<H2UniqueIndex> UNIQUE_INDEX = uniqueIndexConstructor();
    private static final long EXACT_AS_DOUBLE = 1L << 53;
    /** The field of an index key's BSON document that holds its values. */
    private static final String KEY_VALUES = "k";

    /**
     * How long the store keeps a chunk after its last live page moved on: MVStore's default (45 s) is shorter than a
     * scan on an overloaded stand-in can take, and a scan that outlives it fails with "Chunk N not found". The file
     * holds that long's worth of writes besides the live data (10 minutes doubled a benchmark run's file, to 2.1 GB).
     */
    private static final int RETENTION_MILLIS = (int) Duration.ofMinutes(2).toMillis();

    private ValueOrderedH2Backend(MVStore store) {
        super(store);
        store.setRetentionTime(RETENTION_MILLIS);
    }

    public static ValueOrderedH2Backend inMemory() {
        return new ValueOrderedH2Backend(new MVStore.Builder().open());
    }

    public static ValueOrderedH2Backend onDisk(String file) {
        return new ValueOrderedH2Backend(MVStore.open(file));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Not static: H2Database's constructor opens the indexes, before a field of this class could be set. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the stock backend's map names, as its own openOrCreateCollection opens them
            String namespace = getFullCollectionNamespace(collectionName);
            return new InMatchingCollection(this, collectionName, options,
                    getMvStore().openMap(DATA_MAP + namespace, documentMap()), getMvStore().openMap("meta." + namespace),
                    cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                       List<IndexKey> keys, boolean sparse) {
            // the stock backend's map name, so dropping and renaming collections find the map
            String mapName = getFullCollectionNamespace(collectionName) + INDEX_MAP + indexName;
            MVMap<KeyValue, Object> map = getMvStore().openMap(mapName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KEY_ORDER));
            try {
                return UNIQUE_INDEX.newInstance(map, indexName, keys, sparse);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot open unique index " + mapName, e);
            }
        }

        /** {@link FieldValueIndex} where it serves; the stock backend's empty stand-in for the others. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                          List<IndexKey> keys, boolean sparse) {
            if (!FieldValueIndex.serves(keys)) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            String mapName = getFullCollectionNamespace(collectionName) + INDEX_MAP + indexName;
            return new FieldValueIndex(getMvStore().openMap(mapName,
                    new MVMap.Builder<KeyValue, Boolean>().keyType(new FieldValueIndex.Keys())), indexName, keys);
        }
    }

    /**
     * Matches a query of one top-level field by {@code $in} with a set of the listed values. The stock matcher compares
     * each document with every listed value, so a lookup of k ids through the unique index (k documents) costs k
     * squared comparisons: a batch of 500 ids, 250,000. Only values {@link #exactValue} decides take this path, on
     * documents whose field holds one such value; anything else (null, arrays, regular expressions, other numbers)
     * goes to the stock matcher.
     */
    static final class InMatchingCollection extends H2Collection {

        /** The last query seen and its values, or null values if it does not qualify: a page of documents asks again. */
        private record InQuery(Document query, String field, Set<Object> values) {
        }

        private volatile InQuery last = new InQuery(null, null, null);

        InMatchingCollection(MongoDatabase database, String name, CollectionOptions options,
                             MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /**
         * Queries run without the collection's lock. The stock collection takes one lock for every operation, so a
         * scan (an outbox recovery sweep reads 160,000 notifications in about 4 s) held up every insert and lookup
         * on that collection for as long (mentions reached their SSE streams up to 10 s late under the benchmark's
         * mix). MongoDB does not do that. The H2 maps are MVCC: a query reads a consistent version while writes go on
         * (which is why the store keeps old chunks a while: RETENTION_MILLIS); writes still take the lock. The body
         * is mongo-java-server's own {@code AbstractMongoCollection.handleQuery} (1.47), which its synchronized
         * subclass wraps: the selector's query and sort, in their wrapped forms too.
         */
        @Override
        public QueryResult handleQuery(QueryParameters parameters) {
            Document selector = parameters.getQuerySelector();
            Document query = selector;
            Document orderBy = null;
            for (String[] wrapped : new String[][]{{"query", "orderby"}, {"$query", "$orderby"}}) {
                if (selector.containsKey(wrapped[0])) {
                    query = (Document) selector.get(wrapped[0]);
                    orderBy = (Document) selector.get(wrapped[1]);
                    break;
                }
            }
            return queryDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
                    parameters.getBatchSize(), parameters.getProjection());
        }

        /**
         * A query a unique index answers goes to it, as before; one that a {@link FieldValueIndex} answers reads the
         * documents of that value only, in {@code _id} order when sorted by {@code _id} alone (or not sorted), so a
         * page stops once it has its documents; anything else reads every document, as the stock collection does.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            FieldValueIndex byValue = null;
            for (Index<Object> index : getIndexes()) {
                if (index instanceof FieldValueIndex candidate) {
                    byValue = byValue == null && candidate.canHandle(query) ? candidate : byValue;
                } else if (index.canHandle(query)) {
                    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (byValue == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            Object idOrder = orderBy == null || orderBy.isEmpty() ? 1 : orderBy.size() == 1 ? orderBy.get("_id") : null;
            if (!(idOrder instanceof Number direction)) {
                return matchDocuments(query, byValue.getPositions(query), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
            Iterator<Object> positions = byValue.positions(byValue.equalityIn(query), direction.intValue() < 0);
            Stream<Document> inOrder = StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions,
                    Spliterator.ORDERED), false).map(this::getDocument);
            return matchDocumentsFromStream(query, inOrder, numberToSkip, limit, batchSize, null, fieldSelector);
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            if (document == null) {
                return false; // removed by a write after the query found its position (queries take no lock)
            }
            InQuery in = last;
            if (in.query() != query) {
                in = inQuery(query);
                last = in;
            }
            Object value = in.values() == null ? null : exactValue(document.get(in.field()));
            return value != null ? in.values().contains(value) : super.documentMatchesQuery(document, query);
        }

        private static InQuery inQuery(Document query) {
            if (query.size() != 1) {
                return new InQuery(query, null, null);
            }
            String field = query.keySet().iterator().next();
            if (field.startsWith("$") || field.contains(".") || !(query.get(field) instanceof Document condition)
                    || condition.size() != 1 || !(condition.get("$in") instanceof java.util.Collection<?> listed)) {
                return new InQuery(query, null, null);
            }
            Set<Object> values = new HashSet<>();
            for (Object value : listed) {
                Object member = exactValue(value);
                if (member == null) {
                    return new InQuery(query, null, null);
                }
                values.add(member);
            }
            return new InQuery(query, field, values);
        }

    }

    /**
     * A value by which equality can be decided exactly, as MongoDB decides it: a string as it is, a whole number below
     * 2^53 (an Integer, a Long or a whole Double: MongoDB finds 7 by 7L and 7.0 alike) as a Long; null for anything
     * else, which the stock matcher must judge (beyond 2^53 a long and a double can be equal without the same Long).
     */
    static Object exactValue(Object value) {
        if (value instanceof String) {
            return value;
        }
        boolean whole = value instanceof Long || value instanceof Integer
                || value instanceof Double number && number == Math.rint(number);
        if (whole && Math.abs(((Number) value).doubleValue()) < EXACT_AS_DOUBLE) {
            return ((Number) value).longValue();
        }
        return null;
    }

    /**
     * Converts a data file an older stand-in wrote (the stock backend's, or one with Java-serialized documents) into
     * {@code upgraded}: every map copied, the indexes into this order, the documents into BSON. The copy is written
     * beside it and renamed when complete, so a crash midway leaves the older file untouched and the next start copies
     * again; the older file is deleted last.
     */
    public static void upgrade(Path older, Path upgraded) throws IOException {
        Path partial = upgraded.resolveSibling(upgraded.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        // both older forms read with the stock types: this order serializes keys as the stock one does
        MVStore from = new MVStore.Builder().fileName(older.toString()).readOnly().open();
        MVStore to = MVStore.open(partial.toString());
        try {
            for (String name : from.getMapNames()) {
                MVMap<Object, Object> source = from.openMap(name);
                @SuppressWarnings({"unchecked", "rawtypes"})
                MVMap<Object, Object> target = name.contains(INDEX_MAP)
                        ? to.openMap(name, new MVMap.Builder<>().keyType(KEY_ORDER))
                        : name.startsWith(DATA_MAP) ? (MVMap) to.openMap(name, documentMap()) : to.openMap(name);
                source.entrySet().forEach(entry -> target.put(entry.getKey(), entry.getValue()));
            }
        } finally {
            to.close();
            from.close();
        }
        Files.move(partial, upgraded, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(older);
    }

    /** Each map its own type: the memory estimate is a running average per collection, as H2's own type keeps. */
    private static MVMap.Builder<Object, Document> documentMap() {
        return new MVMap.Builder<Object, Document>().valueType(new BsonDocuments());
    }

    /**
     * A collection's documents as BSON, as they came over the wire. H2's default type writes them by Java
     * serialization, with their classes' descriptors, each time a page of them is written: under the benchmark's
     * reads, the store's background writer serializing pages was most of the stand-in's CPU, and reads that miss the
     * page cache deserialized whole pages.
     */
    static final class BsonDocuments extends BasicDataType<Document> {

        /**
         * What H2's own type estimates for a Java-serialized value: twice its serialized size, as a running average
         * per map. Java serialization takes about twice BSON's bytes (posts: 1,309 against 700), so four times the
         * BSON size keeps the store's accounting where it was: how many documents a page holds, what the page cache
         * keeps, and when writers must wait for unsaved pages to be written. (A walk over the fields, tried first,
         * counted posts at twice the old figure, and posting's p99 tripled.)
         */
        private static final int MEMORY_PER_BSON_BYTE = 4;
        /** H2's own starting estimate, until the map's first documents are read or written. */
        private volatile int averageMemory = 10_000;

        @Override
        public void write(WriteBuffer buffer, Document document) {
            observe(writeBson(buffer, document, 256));
        }

        @Override
        public Document read(ByteBuffer buffer) {
            int start = buffer.position();
            Document document = readBson(buffer);
            observe(buffer.position() - start);
            return document;
        }

        @Override
        public int getMemory(Document document) {
            return averageMemory;
        }

        private void observe(int bsonLength) {
            averageMemory = (int) ((MEMORY_PER_BSON_BYTE * (long) bsonLength + 15L * averageMemory) / 16);
        }

        /** Values are compared only to tell whether a map's value changed. */
        @Override
        public int compare(Document a, Document b) {
            return a.equals(b) ? 0 : 1;
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Writes a document as BSON ({@code expectedSize} bytes to start with); returns its length. */
    static int writeBson(WriteBuffer buffer, Document document, int expectedSize) {
        ByteBuf bson = Unpooled.buffer(expectedSize);
        try {
            BsonEncoder.encodeDocument(document, bson);
            buffer.put(bson.nioBuffer());
            return bson.readableBytes();
        } finally {
            bson.release();
        }
    }

    /** Writes an index key as BSON: a document of one array, its values. */
    static void writeKey(WriteBuffer buffer, KeyValue key) {
        writeBson(buffer, new Document(KEY_VALUES, key.stream().toList()), 64);
    }

    /** Reads an index key {@link #writeKey} wrote and moves past it. */
    static KeyValue readKey(ByteBuffer buffer) {
        return new KeyValue((Collection<?>) readBson(buffer).get(KEY_VALUES));
    }

    /** Reads the BSON document at the buffer's position and moves past it. */
    static Document readBson(ByteBuffer buffer) {
        int length = Integer.reverseBytes(buffer.getInt(buffer.position())); // BSON's length, little-endian
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * Value by value: strings, longs, integers, doubles and booleans by their natural order (so time-ordered ids stay
     * near each other in the tree, and a commit writes few pages), after their kind; any other value after those, by
     * its serialized bytes as the stock order compares every key. Two keys compare equal exactly when they serialize
     * equally, as before.
     */
    static final class KeyOrder extends ObjectDataType {

        private static final List<Class<?>> NATIVE = List.of(String.class, Long.class, Integer.class, Double.class,
                Boolean.class);
        /** Sorts after every value: the end of a range of keys that share their first values. Never stored. */
        static final Object AFTER_EVERY_VALUE = new Object();
        /**
         * The tag of a key written as BSON ({@link #writeKey}): one H2's type does not use (its types are 0-19, its
         * tags 32-49 and 64-119), so the keys an earlier stand-in wrote by Java serialization (tag 19) still read,
         * and a file may hold both.
         */
        static final byte BSON_KEY = 20;
        /**
         * What H2's type settles at for these keys (twice their Java-serialized 156-217 bytes), so pages hold and
         * split as many keys as they did.
         */
        private static final int KEY_MEMORY = 384;

        /**
         * Keys as BSON. H2's type writes them by Java serialization each time their page is written, with their
         * classes' descriptors: while posting, a quarter of the stand-in's samples and 41% of what it allocated,
         * whose young collections then paused up to 160 ms.
         */
        @Override
        public void write(WriteBuffer buffer, Object value) {
            if (value instanceof KeyValue key) {
                buffer.put(BSON_KEY);
                writeKey(buffer, key);
            } else {
                super.write(buffer, value);
            }
        }

        @Override
        public Object read(ByteBuffer buffer) {
            if (buffer.get(buffer.position()) == BSON_KEY) {
                buffer.get();
                return readKey(buffer);
            }
            return super.read(buffer);
        }

        @Override
        public int getMemory(Object value) {
            return value instanceof KeyValue ? KEY_MEMORY : super.getMemory(value);
        }

        @Override
        public int compare(Object a, Object b) {
            if (!(a instanceof KeyValue first) || !(b instanceof KeyValue second)) {
                return super.compare(a, b);
            }
            for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
                int byValue = compareValues(first.get(i), second.get(i));
                if (byValue != 0) {
                    return byValue;
                }
            }
            return Integer.compare(first.size(), second.size());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compareValues(Object a, Object b) {
            if (a == AFTER_EVERY_VALUE || b == AFTER_EVERY_VALUE) {
                return a == b ? 0 : a == AFTER_EVERY_VALUE ? 1 : -1;
            }
            int kind = kind(a);
            int byKind = Integer.compare(kind, kind(b));
            if (byKind != 0) {
                return byKind;
            }
            if (a == null) {
                return 0;
            }
            return kind < NATIVE.size() ? ((Comparable) a).compareTo(b) : super.compare(a, b);
        }

        /** null first, then the native kinds in their order, then the rest. */
        private static int kind(Object value) {
            if (value == null) {
                return -1;
            }
            int index = NATIVE.indexOf(value.getClass());
            return index >= 0 ? index : NATIVE.size();
        }
    }

    private static Constructor<H2UniqueIndex> uniqueIndexConstructor() {
        try {
            Constructor<H2UniqueIndex> constructor = H2UniqueIndex.class.getDeclaredConstructor(MVMap.class,
                    String.class, List.class, boolean.class);
            constructor.setAccessible(true); // package-private in mongo-java-server
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
