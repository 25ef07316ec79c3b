package org.socialfeed.notification.policy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.notification.inbox.NotificationType;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One document per user with their notification policy and the notification types they turned off. */
@ApplicationScoped
public class UserSettingsRepository {

    private final MongoCollection<Document> settings;

    public UserSettingsRepository(MongoDatabase database) {
        this.settings = database.getCollection("user_settings");
    }

    /** A user's settings; defaults for a user who never changed them. */
    public UserSettings get(String userId) {
        Document document = settings.find(Filters.eq("_id", userId)).first();
        if (document == null) {
            return new UserSettings(NotificationPolicy.DEFAULT, EnumSet.noneOf(NotificationType.class));
        }
        Document policy = document.get("policy", Document.class);
        NotificationPolicy current = policy == null ? NotificationPolicy.DEFAULT : new NotificationPolicy(
                action(policy, "forNotFollowing"), action(policy, "forNotFollowers"), action(policy, "forNewAccounts"),
                action(policy, "forPrivateMentions"), action(policy, "forLimitedAccounts"),
                policy.getInteger("newAccountDays", NotificationPolicy.DEFAULT.newAccountDays()));
        Set<NotificationType> disabled = EnumSet.noneOf(NotificationType.class);
        document.getList("disabledTypes", String.class, List.of()).forEach(name ->
                NotificationType.fromApiName(name).ifPresent(disabled::add));
        return new UserSettings(current, disabled);
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

    /** What a user decided about their notifications. */
    public record UserSettings(NotificationPolicy policy, Set<NotificationType> disabledTypes) {
    }
}
