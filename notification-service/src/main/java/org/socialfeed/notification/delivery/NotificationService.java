package org.socialfeed.notification.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;
import org.socialfeed.notification.inbox.Notification;
import org.socialfeed.notification.inbox.NotificationDraft;
import org.socialfeed.notification.inbox.NotificationGrouping;
import org.socialfeed.notification.inbox.NotificationRepository;
import org.socialfeed.notification.inbox.NotificationStored;
import org.socialfeed.notification.inbox.NotificationType;
import org.socialfeed.notification.inbox.RecentNotifications;
import org.socialfeed.notification.policy.NotificationPolicy;
import org.socialfeed.notification.policy.PolicyAction;
import org.socialfeed.notification.policy.UserSettingsRepository;
import org.socialfeed.notification.push.PushOutbox;
import org.socialfeed.events.Visibility;
import org.socialfeed.notification.replica.AccountReplica;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.notification.replica.PostCache;
import org.socialfeed.notification.replica.SocialGraph;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an event's notification reaches its recipient, stores it once, and hands it to the push
 * channels. The rules, in order: never for one's own action; not for a type the recipient turned off; not from an
 * account the recipient blocked or muted (with notifications) or from a suspended one; then the recipient's policy
 * accepts, filters (stored, not shown or pushed) or drops it: by whether the recipient follows the actor, is
 * followed by them, how new the actor's account is, and whether it is an unsolicited private mention.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    private static final int ID_CLASH_RETRIES = 3;
    /** How far up a reply chain a private mention is looked for, as Mastodon's depth limit. */
    private static final int MAX_REPLY_CHAIN = 100;

    private final NotificationRepository notifications;
    private final NotificationGrouping grouping;
    private final UserSettingsRepository settings;
    private final SocialGraph graph;
    private final AccountReplica accounts;
    private final PushOutbox push;
    private final Event<NotificationStored> stored;
    private final SnowflakeIds ids;
    private final PostCache posts;
    private final RecentNotifications recent;

    public NotificationService(NotificationRepository notifications, NotificationGrouping grouping,
                               UserSettingsRepository settings, SocialGraph graph, AccountReplica accounts,
                               PushOutbox push, Event<NotificationStored> stored, SnowflakeIds ids,
                               PostCache posts, RecentNotifications recent) {
        this.recent = recent;
        this.notifications = notifications;
        this.grouping = grouping;
        this.settings = settings;
        this.graph = graph;
        this.accounts = accounts;
        this.push = push;
        this.stored = stored;
        this.ids = ids;
        this.posts = posts;
    }

    /** @return the stored notification, or empty if the rules let none through */
    public Optional<Notification> deliver(NotificationDraft draft) {
        String recipient = draft.recipientId();
        String actor = draft.actor().id();
        if (recipient == null || recipient.equals(actor)) {
            return Optional.empty();
        }
        Optional<Notification> existing = notifications.findByDedupKey(draft.dedupKey());
        if (existing.isPresent()) {
            return Optional.of(redelivered(draft, existing.get()));
        }
        UserSettingsRepository.UserSettings userSettings = settings.get(recipient);
        if (userSettings.disabledTypes().contains(draft.type()) || graph.blocksOrMutes(recipient, actor)
                || accounts.isSuspended(actor)) {
            return Optional.empty();
        }
        PolicyAction action = policyAction(userSettings.policy(), draft);
        if (action == PolicyAction.DROP) {
            return Optional.empty();
        }
        return Optional.of(store(draft, action == PolicyAction.FILTER));
    }

    private Notification store(NotificationDraft draft, boolean filtered) {
        for (int attempt = 1; ; attempt++) {
            long id = ids.next();
            // MongoDB keeps milliseconds: every rendering of the notification shows the time it reads back
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Notification notification = new Notification(id, draft.recipientId(), draft.type(), draft.actor(),
                    draft.statusId(), grouping.groupKey(draft.recipientId(), draft.type(), draft.statusId(), id, now),
                    now, filtered);
            List<OutgoingEvent> pushes = filtered ? List.of() : push.eventsFor(notification);
            try {
                if (!notifications.insert(notification, draft, pushes)) {
                    return redelivered(draft, notifications.findByDedupKey(draft.dedupKey()).orElseThrow());
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && attempt < ID_CLASH_RETRIES) {
                    LOG.debugf("Notification id %d clashed, retrying", id);
                    continue;
                }
                throw e;
            }
            if (!filtered) {
                recent.added(notification);
                push.publish(notifications.collection(), id, pushes);
                stored.fire(new NotificationStored(notification, true));
            }
            return notification;
        }
    }

    /**
     * The event was seen before. A mention wins over a reply notification for the same post; and the push channels
     * get another chance at what a crash may have cut short (they apply it once).
     */
    private Notification redelivered(NotificationDraft draft, Notification existing) {
        if (draft.type() == NotificationType.MENTION && existing.type() == NotificationType.REPLY) {
            notifications.changeType(draft.dedupKey(), NotificationType.REPLY, NotificationType.MENTION);
            if (!existing.filtered()) {
                recent.retyped(existing.withType(NotificationType.MENTION));
            }
        }
        if (!existing.filtered()) {
            stored.fire(new NotificationStored(existing, false));
        }
        return existing;
    }

    private PolicyAction policyAction(NotificationPolicy policy, NotificationDraft draft) {
        String recipient = draft.recipientId();
        String actor = draft.actor().id();
        PolicyAction action = PolicyAction.ACCEPT;
        if (policy.forNotFollowing() != PolicyAction.ACCEPT && !graph.follows(recipient, actor)) {
            action = action.atLeast(policy.forNotFollowing());
        }
        if (policy.forNotFollowers() != PolicyAction.ACCEPT && !graph.follows(actor, recipient)) {
            action = action.atLeast(policy.forNotFollowers());
        }
        if (policy.forNewAccounts() != PolicyAction.ACCEPT) {
            Instant created = accounts.createdAt(actor);
            if (created != null && created.isAfter(Instant.now().minus(Duration.ofDays(policy.newAccountDays())))) {
                action = action.atLeast(policy.forNewAccounts());
            }
        }
        if (policy.forPrivateMentions() != PolicyAction.ACCEPT && draft.type() == NotificationType.MENTION
                && isUnsolicitedPrivateMention(draft.statusId(), actor) && !graph.follows(recipient, actor)) {
            action = action.atLeast(policy.forPrivateMentions());
        }
        return action;
    }

    /**
     * Mastodon's {@code private_mention_not_in_response?}: a direct post, unless it answers, somewhere up its reply
     * chain, a direct post that mentioned its author (the nearest ancestor mentioning them decides).
     */
    private boolean isUnsolicitedPrivateMention(String statusId, String actor) {
        Optional<CachedPost> mention = statusId == null ? Optional.empty() : posts.get(statusId);
        if (mention.isEmpty() || mention.get().visibility() != Visibility.DIRECT) {
            return false;
        }
        String parentId = mention.get().inReplyToId();
        for (int depth = 0; parentId != null && depth < MAX_REPLY_CHAIN; depth++) {
            Optional<CachedPost> parent = posts.get(parentId);
            if (parent.isEmpty()) {
                break;
            }
            if (parent.get().mentions(actor)) {
                return parent.get().visibility() != Visibility.DIRECT;
            }
            parentId = parent.get().inReplyToId();
        }
        return true;
    }

    public void undo(String recipientId, String undoKey) {
        recent.removed(recipientId, notifications.undo(recipientId, undoKey));
    }

    public void postDeleted(String postId) {
        notifications.hideAboutStatus(postId);
    }

    public void actorSuspended(String actorId, boolean suspended) {
        notifications.setActorSuspended(actorId, suspended);
    }
}
