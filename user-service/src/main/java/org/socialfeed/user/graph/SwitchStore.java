package org.socialfeed.user.graph;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.paging.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection of on/off switches one account sets about another (blocks, mutes): one document per pair, id
 * {@code prefix:sourceId:targetId} (the Kafka key of its events), turned on and off idempotently with the event
 * in the same write. {@code seq} is the id of the current switch-on: the cursor of the list of what an account
 * has switched on.
 */
public final class SwitchStore {

    private static final Bson READ = Projections.exclude(Outbox.FIELD);

    private final MongoCollection<Document> collection;
    private final String prefix;
    private final SnowflakeIds ids;

    SwitchStore(MongoCollection<Document> collection, String prefix, SnowflakeIds ids) {
        this.collection = collection;
        this.prefix = prefix;
        collection.createIndex(Indexes.compoundIndex(Indexes.ascending("sourceId", "active"), Indexes.descending("seq")));
        this.ids = ids;
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    public String key(long sourceId, long targetId) {
        return prefix + ":" + sourceId + ":" + targetId;
    }

    /**
     * Turns the switch on, or changes its {@code settings} while on.
     *
     * @param settings fields whose change counts as a change (and re-emits the event), e.g. a mute's notifications
     * @param marks    fields written along with a change but not compared, e.g. work left to do
     * @return false if it already was on with these settings (nothing written)
     */
    public boolean turnOn(long sourceId, long targetId, Document settings, Document marks, OutgoingEvent event) {
        String id = key(sourceId, targetId);
        List<Bson> differs = new ArrayList<>(List.of(Filters.ne("active", true)));
        settings.forEach((field, value) -> differs.add(Filters.ne(field, value)));
        List<Bson> update = new ArrayList<>(List.of(Updates.set("active", true), Updates.set("sourceId", sourceId),
                Updates.set("targetId", targetId), Updates.set("seq", ids.next()),
                Updates.set("updatedAt", new Date()), Outbox.append(List.of(event))));
        settings.forEach((field, value) -> update.add(Updates.set(field, value)));
        marks.forEach((field, value) -> update.add(Updates.set(field, value)));
        try {
            var result = collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.or(differs)),
                    Updates.combine(update), new UpdateOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // already on with these settings
            }
            throw e;
        }
    }

    /** @return false if it was not on (nothing written) */
    public boolean turnOff(long sourceId, long targetId, OutgoingEvent event) {
        return collection.updateOne(Filters.and(Filters.eq("_id", key(sourceId, targetId)), Filters.eq("active", true)),
                Updates.combine(Updates.set("active", false), Updates.set("updatedAt", new Date()),
                        Outbox.append(List.of(event)))).getModifiedCount() > 0;
    }

    /** The switched-on documents among {@code keys}, by key. */
    public Map<String, Document> active(Collection<String> keys) {
        Map<String, Document> found = new HashMap<>();
        collection.find(Filters.and(Filters.in("_id", keys), Filters.eq("active", true))).projection(READ)
                .forEach(document -> found.put(document.getString("_id"), document));
        return found;
    }

    /** One page of what {@code sourceId} has switched on, newest first by {@code seq}. */
    public List<Document> page(long sourceId, PageRequest page) {
        return MongoPages.read(collection, Filters.and(Filters.eq("sourceId", sourceId), Filters.eq("active", true)),
                READ, "seq", page, document -> document);
    }

    public void unset(String id, String field) {
        collection.updateOne(Filters.eq("_id", id), Updates.unset(field));
    }

    /** Documents carrying {@code mark} written before {@code olderThan}: work a crash left unfinished. */
    public List<Document> marked(String mark, Instant olderThan, int limit) {
        List<Document> found = new ArrayList<>();
        collection.find(Filters.and(Filters.eq(mark, true), Filters.lt("updatedAt", Date.from(olderThan))))
                .projection(READ).limit(limit).forEach(found::add);
        return found;
    }
}
