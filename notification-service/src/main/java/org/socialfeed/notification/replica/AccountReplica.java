package org.socialfeed.notification.replica;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.mongo.AccountRefDocuments;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this service knows of accounts, from users.events: the latest profile (to render notifications), when the
 * account was created (for the "new accounts" policy) and whether it is suspended.
 */
@ApplicationScoped
public class AccountReplica {

    private final MongoCollection<Document> accounts;

    public AccountReplica(MongoDatabase database) {
        this.accounts = database.getCollection("accounts");
    }

    /** What {@link #upsert} did to the replica. */
    public enum Upsert {
        /** The replica had no document of the account: the first event that names it. */
        INSERTED,
        CHANGED,
        UNCHANGED;

        public boolean changed() {
            return this != UNCHANGED;
        }
    }

    /** Records the account's current profile (an older event's: its name); {@code createdAt} only when known. */
    public Upsert upsert(AccountRef account, Instant createdAt) {
        Bson update = AccountRefDocuments.replicaUpdate(account);
        if (createdAt != null && !account.hasProfile()) { // a profile carries it already
            update = Updates.combine(update, Updates.set("createdAt", Date.from(createdAt)));
        }
        UpdateResult result = accounts.updateOne(Filters.eq("_id", account.id()), update,
                new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null ? Upsert.INSERTED
                : result.getModifiedCount() > 0 ? Upsert.CHANGED : Upsert.UNCHANGED;
    }

    /**
     * Records the current profiles of many accounts: one read, and one bulk write of those that changed (a batch of
     * follows mostly names followers the replica knows as they are).
     *
     * @return the ids of the accounts that changed
     */
    public Set<String> upsertAll(Collection<AccountRef> profiles) {
        Map<String, AccountRef> latest = new LinkedHashMap<>();
        profiles.forEach(account -> latest.put(account.id(), account));
        Map<String, Document> known = new HashMap<>();
        accounts.find(Filters.in("_id", latest.keySet())).forEach(account -> known.put(account.getString("_id"), account));
        List<AccountRef> changed = latest.values().stream()
                .filter(account -> !describes(known.get(account.id()), account)).toList();
        if (!changed.isEmpty()) {
            accounts.bulkWrite(changed.stream().map(account -> new UpdateOneModel<Document>(
                    Filters.eq("_id", account.id()), AccountRefDocuments.replicaUpdate(account),
                    new UpdateOptions().upsert(true))).toList(), new BulkWriteOptions().ordered(false));
        }
        return changed.stream().map(AccountRef::id).collect(Collectors.toSet());
    }

    /** Whether the replica's document already holds every field the ref sets. */
    private static boolean describes(Document known, AccountRef account) {
        if (known == null) {
            return false;
        }
        Document fields = AccountRefDocuments.toDocument(account);
        fields.remove("id");
        return fields.entrySet().stream().allMatch(field -> Objects.equals(known.get(field.getKey()), field.getValue()));
    }

    public void setSuspended(String accountId, boolean suspended) {
        accounts.updateOne(Filters.eq("_id", accountId), Updates.set("suspended", suspended),
                new UpdateOptions().upsert(true));
    }

    /** The suspended accounts among {@code accountIds}, in one read. */
    public Set<String> suspendedAmong(Collection<String> accountIds) {
        Set<String> suspended = new HashSet<>();
        accounts.find(Filters.in("_id", accountIds)).projection(Projections.include("suspended")).forEach(account -> {
            if (Boolean.TRUE.equals(account.getBoolean("suspended"))) {
                suspended.add(account.getString("_id"));
            }
        });
        return suspended;
    }

    /**
     * When the account was created: from its registration event, else from its id (account ids are time-ordered
     * snowflakes), else null.
     */
    public Instant createdAt(String accountId) {
        Document account = accounts.find(Filters.eq("_id", accountId)).first();
        if (account != null && account.getDate("createdAt") != null) {
            return account.getDate("createdAt").toInstant();
        }
        try {
            return SnowflakeIds.instantOf(Long.parseLong(accountId));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The latest known profile of each account among {@code ids} (those the replica has a name for). */
    public Map<String, AccountRef> refs(Collection<String> ids) {
        Map<String, AccountRef> refs = new HashMap<>();
        known(ids).forEach((id, known) -> {
            if (known.ref() != null) {
                refs.put(id, known.ref());
            }
        });
        return refs;
    }

    /** What the replica knows of an account: its latest profile (null if no event named it yet), its suspension. */
    public record Known(AccountRef ref, boolean suspended) {
    }

    /** What the replica knows of each account among {@code ids} that it has a document of, in one read. */
    public Map<String, Known> known(Collection<String> ids) {
        Map<String, Known> known = new HashMap<>();
        accounts.find(Filters.in("_id", ids)).forEach(account -> known.put(account.getString("_id"), new Known(
                account.getString("username") == null ? null : AccountRefDocuments.fromDocument(account, "_id"),
                Boolean.TRUE.equals(account.getBoolean("suspended")))));
        return known;
    }
}
