package org.socialfeed.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A secondary (non-unique) index for the stand-in, which mongo-java-server ignores: the documents of each value of the
 * index's first field, in the order of their {@code _id}s. A query with that field equal to a string or a whole number
 * ({@code {authorId: 7}}, alone or in a {@code $and}) reads those documents only, newest or oldest first,
 * where the stock collection reads every document ({@link ValueOrderedH2Backend}); the query's other conditions are
 * matched on each as before. Without it a page of one author's posts read the whole {@code posts} collection, as
 * production MongoDB, which has the index, never would. One entry {@code (value, _id)} per value of the field in a
 * document (one per element of an array), in an H2 map ordered by {@link ValueOrderedH2Backend.KeyOrder} and stored
 * as BSON ({@link Keys}); a new map is filled from the collection's documents when the index is added.
 */
final class FieldValueIndex extends Index<Object> {

    private static final String ID = "_id";

    private final MVMap<KeyValue, Boolean> entries;
    private final String field;

    FieldValueIndex(MVMap<KeyValue, Boolean> entries, String name, List<IndexKey> keys) {
        super(name, keys, false);
        this.entries = entries;
        this.field = keys.get(0).getKey();
    }

    /** Whether the stand-in can keep this index: its first field is a top-level one. */
    static boolean serves(List<IndexKey> keys) {
        String first = keys.get(0).getKey();
        return !first.contains(".") && !first.equals(ID);
    }

    /**
     * The value the query asks the index's field to equal, as the index holds values, at its top level or in a
     * {@code $and} at any depth (the driver nests one {@code Filters.and} in another as it is written); null if none.
     */
    Object equalityIn(Document query) {
        Object direct = ValueOrderedH2Backend.exactValue(query.get(field));
        if (direct != null || !(query.get("$and") instanceof Collection<?> conditions)) {
            return direct;
        }
        for (Object condition : conditions) {
            Object nested = condition instanceof Document document ? equalityIn(document) : null;
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** The positions ({@code _id}s) of the documents whose field holds {@code value}, by {@code _id}. */
    Iterator<Object> positions(Object value, boolean descending) {
        KeyValue first = new KeyValue(value);
        KeyValue last = new KeyValue(value, ValueOrderedH2Backend.KeyOrder.AFTER_EVERY_VALUE);
        Cursor<KeyValue, Boolean> cursor = descending ? entries.cursor(last, first, true)
                : entries.cursor(first, last, false);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                return cursor.next().get(1);
            }
        };
    }

    @Override
    public boolean canHandle(Document query) {
        return equalityIn(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Object value = equalityIn(query);
        return () -> positions(value, false);
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: no document is found by its value alone
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        valuesOf(document).forEach(value -> entries.put(new KeyValue(value, position), Boolean.TRUE));
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID);
        valuesOf(document).forEach(value -> entries.remove(new KeyValue(value, position)));
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Set<Object> before = valuesOf(oldDocument);
        Set<Object> after = valuesOf(newDocument);
        before.stream().filter(value -> !after.contains(value))
                .forEach(value -> entries.remove(new KeyValue(value, position)));
        after.stream().filter(value -> !before.contains(value))
                .forEach(value -> entries.put(new KeyValue(value, position), Boolean.TRUE));
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.getStore().removeMap(entries);
    }

    /**
     * The map's keys, {@code (value, _id)}, as a BSON array: H2's default type would write each by Java serialization
     * (as the unique indexes' keys still are), costing every insert and every page the store writes.
     */
    static final class Keys extends BasicDataType<KeyValue> {

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            ValueOrderedH2Backend.writeKey(buffer, key);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            return ValueOrderedH2Backend.readKey(buffer);
        }

        @Override
        public int getMemory(KeyValue key) {
            return 96; // two small values and the array holding them
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            return ValueOrderedH2Backend.KEY_ORDER.compare(a, b);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /** The field's indexable values in a document: the value, or an array's elements. */
    private Set<Object> valuesOf(Document document) {
        Set<Object> values = new LinkedHashSet<>();
        Object held = document.get(field);
        if (held instanceof Collection<?> elements) {
            elements.forEach(element -> addIndexable(values, element));
        } else {
            addIndexable(values, held);
        }
        return values;
    }

    private static void addIndexable(Set<Object> values, Object value) {
        Object indexable = ValueOrderedH2Backend.exactValue(value);
        if (indexable != null) {
            values.add(indexable);
        }
    }
}
