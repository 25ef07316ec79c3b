package org.socialfeed.support.mongo;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection with Mastodon's cursors, by a field that orders its documents as ids do (the id itself,
 * a sequence number, a conversation's last status id): newest first, and with {@code min_id} the page just above
 * the cursor, read upward and then turned around.
 */
public final class MongoPages {

    private MongoPages() {
    }

    /** @param projection the fields to read, or null for all of them */
    public static <T> List<T> read(MongoCollection<Document> collection, Bson filter, Bson projection, String field,
                                   PageRequest page, Function<Document, T> reader) {
        FindIterable<Document> found = collection.find(Filters.and(filter, Filters.gt(field, page.lowerBound()),
                Filters.lt(field, page.upperBound())));
        if (projection != null) {
            found = found.projection(projection);
        }
        List<T> items = new ArrayList<>();
        found.sort(page.readsUpward() ? Sorts.ascending(field) : Sorts.descending(field)).limit(page.limit())
                .forEach(document -> items.add(reader.apply(document)));
        if (page.readsUpward()) {
            Collections.reverse(items);
        }
        return items;
    }
}
