package org.socialfeed.post.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.mongo.AccountRefDocuments;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local copy of accounts, kept from users.events: enough to resolve {@code @mentions}, render authors (their
 * whole public profile, see {@link AccountRef}) and refuse suspended accounts. Every change is an upsert of absolute values, so an event applied twice changes nothing.
 */
@ApplicationScoped
@Startup
public class AccountReplica {

    private static final String USERNAME_INDEX = "usernameLower_1";

    private final MongoCollection<Document> accounts;

    public AccountReplica(MongoDatabase database) {
        this.accounts = database.getCollection("accounts");
    }

    @PostConstruct
    void createIndexes() {
        // unique (user-service keeps usernames unique), so resolving mentions is a unique-key lookup; sparse for
        // accounts whose suspension arrived before their registration. Replaces the non-unique index of old.
        for (Document index : accounts.listIndexes()) {
            if (USERNAME_INDEX.equals(index.getString("name")) && !index.getBoolean("unique", false)) {
                accounts.dropIndex(USERNAME_INDEX);
            }
        }
        accounts.createIndex(Indexes.ascending("usernameLower"),
                new IndexOptions().name(USERNAME_INDEX).unique(true).sparse(true));
    }

    public void upsertProfile(AccountRef account, boolean locked) {
        accounts.updateOne(Filters.eq("_id", Long.parseLong(account.id())), Updates.combine(
                        AccountRefDocuments.replicaUpdate(account),
                        Updates.set("usernameLower", account.username().toLowerCase(Locale.ROOT)),
                        Updates.set("locked", locked)),
                new UpdateOptions().upsert(true));
    }

    public void setSuspended(long accountId, boolean suspended) {
        accounts.updateOne(Filters.eq("_id", accountId), Updates.set("suspended", suspended),
                new UpdateOptions().upsert(true));
    }

    public Optional<KnownAccount> find(long id) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", id)).first()).flatMap(AccountReplica::toAccount);
    }

    public Map<Long, KnownAccount> findAll(Collection<Long> ids) {
        Map<Long, KnownAccount> found = new HashMap<>();
        accounts.find(Filters.in("_id", ids)).forEach(document ->
                toAccount(document).ifPresent(account -> found.put(account.id(), account)));
        return found;
    }

    /** An account as the replica knows it, or as {@code username} if the replica has not caught up yet. */
    public AccountRef refOf(long id, String username) {
        return asKnownNow(id, username).ref();
    }

    /**
     * An account and its suspension in one read: as the replica knows it, or as {@code username} (not suspended,
     * unless only the suspension has arrived so far) if the replica has not caught up with its registration.
     */
    public KnownAccount asKnownNow(long id, String username) {
        Document document = accounts.find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(document).flatMap(AccountReplica::toAccount).orElseGet(() ->
                new KnownAccount(new AccountRef(Long.toString(id), username, username), false,
                        document != null && document.getBoolean("suspended", false)));
    }

    /** Accounts by username, case-insensitively; names nobody has are left out. */
    public List<KnownAccount> findByUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of(); // most posts mention nobody: no round trip
        }
        List<String> lower = usernames.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList();
        return accounts.find(Filters.in("usernameLower", lower)).map(AccountReplica::toAccount)
                .into(new java.util.ArrayList<>()).stream().flatMap(Optional::stream).toList();
    }

    /** A suspension may arrive before the registration; such a half-known account is not rendered. */
    private static Optional<KnownAccount> toAccount(Document document) {
        if (document.getString("username") == null) {
            return Optional.empty();
        }
        return Optional.of(new KnownAccount(AccountRefDocuments.fromDocument(document, "_id"),
                document.getBoolean("locked", false), document.getBoolean("suspended", false)));
    }

    /** Whether the account is known to be suspended (also when only the suspension has arrived so far). */
    public boolean isSuspended(long id) {
        Document document = accounts.find(Filters.eq("_id", id)).projection(new Document("suspended", 1)).first();
        return document != null && document.getBoolean("suspended", false);
    }
}
