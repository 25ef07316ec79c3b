package org.socialfeed.user.account;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.ProfileField;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.support.outbox.OutboxOwner;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code accounts} collection. Usernames and emails are unique case-insensitively through their lower-cased
 * copies. The counters live on the document and change by {@code $inc}, each change applied once (see
 * {@link #applyCount}).
 */
@ApplicationScoped
@Startup
public class AccountRepository implements OutboxOwner {

    public static final String FOLLOWERS_COUNT = "followersCount";
    public static final String FOLLOWING_COUNT = "followingCount";
    public static final String STATUSES_COUNT = "statusesCount";
    private static final String LAST_STATUS_AT = "lastStatusAt";
    /**
     * How many recent counter operations an account remembers. A retried operation is recognised while it is among
     * them; retries come within seconds, long before this many other changes of one account.
     */
    static final int REMEMBERED_COUNT_OPS = 256;
    private static final String COUNT_OPS = "countOps";

    /** Reads leave out the bookkeeping arrays. */
    private static final Bson READ = Projections.exclude(COUNT_OPS, Outbox.FIELD);

    private final MongoCollection<Document> accounts;

    public AccountRepository(MongoDatabase database) {
        this.accounts = database.getCollection("accounts");
    }

    @PostConstruct
    void createIndexes() {
        accounts.createIndex(Indexes.ascending("usernameLower"), new IndexOptions().unique(true));
        accounts.createIndex(Indexes.ascending("emailLower"), new IndexOptions().unique(true));
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(collection());
    }

    public MongoCollection<Document> collection() {
        return accounts;
    }

    /** How many accounts there are, suspended ones included, from the collection's metadata (no scan). */
    public long estimatedCount() {
        return accounts.estimatedDocumentCount();
    }

    /** Inserts the account with its events in the same document; false if the username or email is taken. */
    public boolean insert(Account account, List<OutgoingEvent> events) {
        try {
            accounts.insertOne(toDocument(account).append(Outbox.FIELD, Outbox.field(events)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The stored form of an account, counters included; public for bulk imports. */
    public static Document toDocument(Account account) {
        Document document = new Document("_id", account.id())
                .append("username", account.username())
                .append("usernameLower", account.username().toLowerCase(Locale.ROOT))
                .append("email", account.email())
                .append("emailLower", account.email().toLowerCase(Locale.ROOT))
                .append("passwordHash", account.passwordHash())
                .append("roles", new ArrayList<>(account.roles()))
                .append("suspended", account.suspended())
                .append("createdAt", Date.from(account.createdAt()))
                .append(FOLLOWERS_COUNT, account.followersCount())
                .append(FOLLOWING_COUNT, account.followingCount())
                .append(STATUSES_COUNT, account.statusesCount())
                .append(LAST_STATUS_AT, account.lastStatusAt() == null ? null
                        : Date.from(account.lastStatusAt().atStartOfDay(ZoneOffset.UTC).toInstant()));
        document.putAll(profile(account));
        return document;
    }

    /** The fields of the account its owner changes with update_credentials, as stored. */
    static Document profile(Account account) {
        return new Document("displayName", account.displayName())
                .append("note", account.note())
                .append("avatar", account.avatar())
                .append("header", account.header())
                .append("locked", account.locked())
                .append("bot", account.bot())
                .append("discoverable", account.discoverable())
                .append("fields", account.fields().stream()
                        .map(field -> new Document("name", field.name()).append("value", field.value())).toList())
                .append("posting", new Document("privacy", account.posting().privacy())
                        .append("sensitive", account.posting().sensitive())
                        .append("language", account.posting().language()));
    }

    public Optional<Account> findById(long id) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", id)).projection(READ).first()).map(AccountRepository::toAccount);
    }

    public List<Account> findByIds(Collection<Long> ids) {
        List<Account> found = new ArrayList<>();
        accounts.find(Filters.in("_id", ids)).projection(READ).forEach(document -> found.add(toAccount(document)));
        return found;
    }

    public Optional<Account> findByUsername(String username) {
        return Optional.ofNullable(accounts.find(Filters.eq("usernameLower", username.toLowerCase(Locale.ROOT))).projection(READ).first())
                .map(AccountRepository::toAccount);
    }

    /** Finds by username or, if the login contains '@', by email. */
    public Optional<Account> findByLogin(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(accounts.find(lower.contains("@")
                ? Filters.eq("emailLower", lower) : Filters.eq("usernameLower", lower)).projection(READ).first())
                .map(AccountRepository::toAccount);
    }

    /**
     * Sets profile fields (already validated) and stores the event in the same write.
     *
     * @return the account after the change
     */
    public Optional<Account> updateProfile(long id, List<Bson> changes, OutgoingEvent event) {
        List<Bson> update = new ArrayList<>(changes);
        update.add(Outbox.append(List.of(event)));
        return Optional.ofNullable(accounts.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(update),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(READ))).map(AccountRepository::toAccount);
    }

    /** Suspends or reinstates; false if the account was already in that state (no event then). */
    public boolean setSuspended(long id, boolean suspended, OutgoingEvent event) {
        return accounts.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("suspended", suspended)),
                Updates.combine(Updates.set("suspended", suspended), Outbox.append(List.of(event))))
                .getModifiedCount() > 0;
    }

    /** Remembers that the account posted on {@code day}, unless it is known to have posted later. */
    public void recordPostDay(long id, LocalDate day) {
        accounts.updateOne(Filters.eq("_id", id), latestPostDay(day));
    }

    /**
     * An author's share of a run of new posts: the counter operations of posts never counted before (one per post),
     * and the day of the latest post of the run (null: none of them tells its day).
     */
    public record NewPosts(long authorId, List<String> operationIds, LocalDate latestDay) {
    }

    /**
     * Counts runs of new posts, every author in one bulk write: statuses_count grows by the number of operations,
     * which the account remembers (as {@link #applyCount} does) so that a repair after a crash does not count them
     * again, and last_status_at moves to the latest day. The caller guarantees no operation was applied before,
     * so the filter is the bare {@code _id}.
     */
    public void countNewPosts(Collection<NewPosts> runs) {
        if (runs.isEmpty()) {
            return;
        }
        accounts.bulkWrite(runs.stream().map(run -> new UpdateOneModel<Document>(Filters.eq("_id", run.authorId()),
                Updates.combine(Updates.inc(STATUSES_COUNT, (long) run.operationIds().size()),
                        Updates.pushEach(COUNT_OPS, run.operationIds(), new PushOptions().slice(-REMEMBERED_COUNT_OPS)),
                        run.latestDay() == null ? new Document() : latestPostDay(run.latestDay()))))
                .toList(), new BulkWriteOptions().ordered(false));
    }

    private static Bson latestPostDay(LocalDate day) {
        return Updates.max(LAST_STATUS_AT, Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    public void grantRole(long id, String role) {
        accounts.updateOne(Filters.eq("_id", id), Updates.addToSet("roles", role));
    }

    /**
     * Adds {@code delta} to a counter once per {@code operationId}: the account remembers the operations it has
     * applied, so a repair that repeats an operation after a crash does not count it twice.
     *
     * @return true if applied now, false if it had been applied before (or the account does not exist)
     */
    public boolean applyCount(long id, String operationId, String counter, long delta) {
        return accounts.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.ne(COUNT_OPS, operationId)),
                Updates.combine(Updates.inc(counter, delta),
                        Updates.pushEach(COUNT_OPS, List.of(operationId),
                                new PushOptions().slice(-REMEMBERED_COUNT_OPS))))
                .getModifiedCount() > 0;
    }

    /** Accounts stored before headers, profile fields and posting defaults existed read with Mastodon's defaults. */
    private static Account toAccount(Document document) {
        Document posting = document.get("posting", Document.class);
        Date lastStatusAt = document.getDate(LAST_STATUS_AT);
        return new Account(document.getLong("_id"), document.getString("username"), document.getString("email"),
                document.getString("passwordHash"), document.getString("displayName"), document.getString("note"),
                document.getString("avatar"), document.getBoolean("locked", false),
                new HashSet<>(document.getList("roles", String.class, List.of())),
                document.getBoolean("suspended", false), document.getDate("createdAt").toInstant(),
                document.get(FOLLOWERS_COUNT, Number.class).longValue(),
                document.get(FOLLOWING_COUNT, Number.class).longValue(),
                document.get(STATUSES_COUNT, Number.class).longValue(),
                document.getString("header"), document.getBoolean("bot", false),
                document.getBoolean("discoverable", true),
                document.getList("fields", Document.class, List.of()).stream()
                        .map(field -> new ProfileField(field.getString("name"), field.getString("value"), null))
                        .toList(),
                posting == null ? Account.PostingDefaults.MASTODON
                        : new Account.PostingDefaults(posting.getString("privacy"),
                        posting.getBoolean("sensitive", false), posting.getString("language")),
                lastStatusAt == null ? null : LocalDate.ofInstant(lastStatusAt.toInstant(), ZoneOffset.UTC));
    }
}
