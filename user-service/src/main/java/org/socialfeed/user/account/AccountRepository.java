package org.socialfeed.user.account;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.Outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code accounts} collection. Usernames and emails are unique case-insensitively through their lower-cased copies. */
@ApplicationScoped
@Startup
public class AccountRepository {

    private final MongoCollection<Document> accounts;

    public AccountRepository(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.accounts = client.getDatabase(database).getCollection("accounts");
    }

    @PostConstruct
    void createIndexes() {
        accounts.createIndex(Indexes.ascending("usernameLower"), new IndexOptions().unique(true));
        accounts.createIndex(Indexes.ascending("emailLower"), new IndexOptions().unique(true));
    }

    public MongoCollection<Document> collection() {
        return accounts;
    }

    /** Inserts the account with its events in the same document; false if the username or email is taken. */
    public boolean insert(Account account, List<OutgoingEvent> events) {
        Document document = new Document("_id", account.id())
                .append("username", account.username())
                .append("usernameLower", account.username().toLowerCase(Locale.ROOT))
                .append("email", account.email())
                .append("emailLower", account.email().toLowerCase(Locale.ROOT))
                .append("passwordHash", account.passwordHash())
                .append("displayName", account.displayName())
                .append("note", account.note())
                .append("locked", account.locked())
                .append("roles", new ArrayList<>(account.roles()))
                .append("suspended", account.suspended())
                .append("createdAt", Date.from(account.createdAt()))
                .append("followersCount", 0L)
                .append("followingCount", 0L)
                .append("statusesCount", 0L)
                .append(Outbox.FIELD, Outbox.field(events));
        try {
            accounts.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Account> findById(long id) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", id)).first()).map(AccountRepository::toAccount);
    }

    public List<Account> findByIds(Collection<Long> ids) {
        List<Account> found = new ArrayList<>();
        accounts.find(Filters.in("_id", ids)).forEach(document -> found.add(toAccount(document)));
        return found;
    }

    public Optional<Account> findByUsername(String username) {
        return Optional.ofNullable(accounts.find(Filters.eq("usernameLower", username.toLowerCase(Locale.ROOT))).first())
                .map(AccountRepository::toAccount);
    }

    /** Finds by username or, if the login contains '@', by email. */
    public Optional<Account> findByLogin(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(accounts.find(lower.contains("@")
                ? Filters.eq("emailLower", lower) : Filters.eq("usernameLower", lower)).first())
                .map(AccountRepository::toAccount);
    }

    public void adjustFollowCounts(long followerId, long followeeId, int delta) {
        accounts.updateOne(Filters.eq("_id", followerId), Updates.inc("followingCount", (long) delta));
        accounts.updateOne(Filters.eq("_id", followeeId), Updates.inc("followersCount", (long) delta));
    }

    private static Account toAccount(Document document) {
        return new Account(document.getLong("_id"), document.getString("username"), document.getString("email"),
                document.getString("passwordHash"), document.getString("displayName"), document.getString("note"),
                document.getBoolean("locked", false), new HashSet<>(document.getList("roles", String.class, List.of())),
                document.getBoolean("suspended", false), document.getDate("createdAt").toInstant(),
                document.get("followersCount", Number.class).longValue(),
                document.get("followingCount", Number.class).longValue(),
                document.get("statusesCount", Number.class).longValue());
    }
}
