package org.socialfeed.notification.policy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.notification.inbox.NotificationType;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One document per user with their notification policy, the notification types they turned off, and where
 * notifications go besides the inbox: the ids of the user's push devices and webhooks (ADR 23). Delivering a
 * notification reads this one document by {@code _id}, so a recipient without devices or webhooks (most of them)
 * costs no query of the {@code devices} and {@code webhooks} collections, and one with some costs lookups by id.
 */
@ApplicationScoped
public class UserSettingsRepository {

    private final MongoCollection<Document> settings;

    public UserSettingsRepository(MongoDatabase database) {
        this.settings = database.getCollection("user_settings");
    }

    /** Where a user's notifications go besides the inbox. */
    public enum Target {
        DEVICES("deviceIds"), WEBHOOKS("webhookIds");

        private final String field;

        Target(String field) {
            this.field = field;
        }
    }

    /** A user's settings; defaults for a user who never changed them. */
    public UserSettings get(String userId) {
        return getAll(List.of(userId)).get(userId);
    }

    /** The settings of each user, in one read; defaults for users who never changed them. */
    public Map<String, UserSettings> getAll(Collection<String> userIds) {
        Map<String, UserSettings> found = new HashMap<>();
        settings.find(Filters.in("_id", userIds)).forEach(document ->
                found.put(document.getString("_id"), fromDocument(document)));
        userIds.forEach(userId -> found.putIfAbsent(userId, UserSettings.DEFAULT));
        return found;
    }

    /** A device or webhook the user registered; registering one twice lists it once. */
    public void addTarget(String userId, Target target, long id) {
        settings.updateOne(Filters.eq("_id", userId), Updates.addToSet(target.field, id),
                new UpdateOptions().upsert(true));
    }

    public void removeTarget(String userId, Target target, long id) {
        settings.updateOne(Filters.eq("_id", userId), Updates.pull(target.field, id));
    }

    private static UserSettings fromDocument(Document document) {
        Document policy = document.get("policy", Document.class);
        NotificationPolicy current = policy == null ? NotificationPolicy.DEFAULT : new NotificationPolicy(
                action(policy, "forNotFollowing"), action(policy, "forNotFollowers"), action(policy, "forNewAccounts"),
                action(policy, "forPrivateMentions"), action(policy, "forLimitedAccounts"),
                policy.getInteger("newAccountDays", NotificationPolicy.DEFAULT.newAccountDays()));
        Set<NotificationType> disabled = EnumSet.noneOf(NotificationType.class);
        document.getList("disabledTypes", String.class, List.of()).forEach(name ->
                NotificationType.fromApiName(name).ifPresent(disabled::add));
        return new UserSettings(current, disabled, Set.copyOf(document.getList("deviceIds", Long.class, List.of())),
                Set.copyOf(document.getList("webhookIds", Long.class, List.of())));
    }

    public void savePolicy(String userId, NotificationPolicy policy) {
        Document document = new Document("forNotFollowing", policy.forNotFollowing().apiName())
                .append("forNotFollowers", policy.forNotFollowers().apiName())
                .append("forNewAccounts", policy.forNewAccounts().apiName())
                .append("forPrivateMentions", policy.forPrivateMentions().apiName())
                .append("forLimitedAccounts", policy.forLimitedAccounts().apiName())
                .append("newAccountDays", policy.newAccountDays());
        settings.updateOne(Filters.eq("_id", userId), Updates.set("policy", document), new UpdateOptions().upsert(true));
    }

    public void saveDisabledTypes(String userId, Set<NotificationType> disabled) {
        settings.updateOne(Filters.eq("_id", userId),
                Updates.set("disabledTypes", disabled.stream().map(NotificationType::apiName).sorted().toList()),
                new UpdateOptions().upsert(true));
    }

    private static PolicyAction action(Document policy, String field) {
        return PolicyAction.parse(policy.getString(field));
    }

    /** What a user decided about their notifications, and the ids of their devices and webhooks. */
    public record UserSettings(NotificationPolicy policy, Set<NotificationType> disabledTypes, Set<Long> deviceIds,
                               Set<Long> webhookIds) {
        static final UserSettings DEFAULT = new UserSettings(NotificationPolicy.DEFAULT,
                EnumSet.noneOf(NotificationType.class), Set.of(), Set.of());
    }
}
