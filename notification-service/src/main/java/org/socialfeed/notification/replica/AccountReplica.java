package org.socialfeed.notification.replica;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import java.util.Map;

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

    /**
     * Records the account's current profile (an older event's: its name); {@code createdAt} only when known.
     *
     * @return whether anything changed
     */
    public boolean upsert(AccountRef account, Instant createdAt) {
        Bson update = AccountRefDocuments.replicaUpdate(account);
        if (createdAt != null && !account.hasProfile()) { // a profile carries it already
            update = Updates.combine(update, Updates.set("createdAt", Date.from(createdAt)));
        }
        UpdateResult result = accounts.updateOne(Filters.eq("_id", account.id()), update,
                new UpdateOptions().upsert(true));
        return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
    }

    public void setSuspended(String accountId, boolean suspended) {
        accounts.updateOne(Filters.eq("_id", accountId), Updates.set("suspended", suspended),
                new UpdateOptions().upsert(true));
    }

    public boolean isSuspended(String accountId) {
        Document account = accounts.find(Filters.eq("_id", accountId)).first();
        return account != null && Boolean.TRUE.equals(account.getBoolean("suspended"));
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
        accounts.find(Filters.in("_id", ids)).forEach(account -> {
            if (account.getString("username") != null) {
                refs.put(account.getString("_id"), AccountRefDocuments.fromDocument(account, "_id"));
            }
        });
        return refs;
    }
}
