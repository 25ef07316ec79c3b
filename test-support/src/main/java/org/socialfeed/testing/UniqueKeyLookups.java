package org.socialfeed.testing;

import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that recorded MongoDB statements are lookups by one unique key: the kind of query MongoDB answers from a
 * unique index and the local stand-in answers without a scan (ADR 19). The queries a service knows to need a
 * secondary index are named by the field they filter on, so a failure says which one crept onto a hot path.
 */
public final class UniqueKeyLookups {

    private UniqueKeyLookups() {
    }

    /**
     * @param secondaryIndexQueries the field a secondary-index query filters on, and what the query is for
     */
    public static void assertOnly(List<MongoCommands.Statement> recorded, MongoDatabase database,
                                  Map<String, String> secondaryIndexQueries) {
        assertThat(recorded).isNotEmpty().allSatisfy(statement -> {
            if (statement.filter() == null) {
                return; // an insert
            }
            assertThat(secondaryIndexQuery(statement.filter(), secondaryIndexQueries)).as(statement.toString())
                    .isNull();
            assertThat(uniqueKeysOf(database, statement.collection()))
                    .as("%s names exactly one unique key", statement).contains(singleKeyLookedUp(statement.filter()));
        });
    }

    /** The one field an index lookup names (by value, or by a list of values with $in); null if not so. */
    private static String singleKeyLookedUp(BsonDocument filter) {
        if (filter.size() != 1) {
            return null;
        }
        String field = filter.getFirstKey();
        BsonValue value = filter.get(field);
        boolean lookup = !value.isDocument() || value.asDocument().keySet().equals(Set.of("$in"));
        return field.startsWith("$") || !lookup ? null : field;
    }

    private static String secondaryIndexQuery(BsonDocument filter, Map<String, String> secondaryIndexQueries) {
        String json = filter.toJson();
        return secondaryIndexQueries.entrySet().stream()
                .filter(query -> json.contains("\"" + query.getKey() + "\""))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The single-field unique indexes of a collection, as created at start-up, and its _id. */
    private static Set<String> uniqueKeysOf(MongoDatabase database, String collection) {
        Set<String> keys = new HashSet<>(Set.of("_id"));
        for (Document index : database.getCollection(collection).listIndexes()) {
            Document key = index.get("key", Document.class);
            if (index.getBoolean("unique", false) && key.size() == 1) {
                keys.add(key.keySet().iterator().next());
            }
        }
        return keys;
    }
}
