package org.socialfeed.user.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.user.config.UserServiceConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing: after {@code social.login.max-failures} failed logins for one username from one
 * client address within {@code social.login.failure-window}, logins for that pair are refused until the window
 * ends. Kept in MongoDB (collection {@code login_failures}) so every instance sees the same count; the key is a
 * hash, so the collection is not a list of the usernames people tried.
 */
@ApplicationScoped
@Startup
public class LoginThrottle {

    private final MongoCollection<Document> failures;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(MongoDatabase database, UserServiceConfig.Login config) {
        this.failures = database.getCollection("login_failures");
        this.maxFailures = config.maxFailures();
        this.window = config.failureWindow();
    }

    @PostConstruct
    void createIndexes() {
        // a real MongoDB deletes finished windows by itself
        failures.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** How long logins for this pair are still refused, if they are. */
    public Optional<Duration> refusedFor(String login, String clientAddress) {
        Document entry = failures.find(Filters.eq("_id", key(login, clientAddress))).first();
        if (entry == null || entry.get("failures", Number.class).intValue() < maxFailures) {
            return Optional.empty();
        }
        Duration left = Duration.between(Instant.now(), entry.getDate("windowStart").toInstant().plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void recordFailure(String login, String clientAddress) {
        String key = key(login, clientAddress);
        Instant now = Instant.now();
        var counted = failures.updateOne(
                Filters.and(Filters.eq("_id", key), Filters.gt("windowStart", Date.from(now.minus(window)))),
                Updates.inc("failures", 1));
        if (counted.getMatchedCount() == 0) { // no window open: this failure opens one
            failures.replaceOne(Filters.eq("_id", key), new Document("_id", key).append("failures", 1)
                            .append("windowStart", Date.from(now)).append("expiresAt", Date.from(now.plus(window))),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** A successful login clears the pair's failures. */
    public void reset(String login, String clientAddress) {
        failures.deleteOne(Filters.eq("_id", key(login, clientAddress)));
    }

    private static String key(String login, String clientAddress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (login.toLowerCase(Locale.ROOT) + "\n" + clientAddress).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
