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
import org.socialfeed.notification.inbox.NotificationRepository.NewNotification;
import org.socialfeed.notification.inbox.NotificationsStored;
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
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    private final Event<NotificationsStored> stored;
    private final SnowflakeIds ids;
    private final PostCache posts;
    private final RecentNotifications recent;

    public NotificationService(NotificationRepository notifications, NotificationGrouping grouping,
                               UserSettingsRepository settings, SocialGraph graph, AccountReplica accounts,
                               PushOutbox push, Event<NotificationsStored> stored, SnowflakeIds ids,
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
        return deliverAll(List.of(draft)).get(0);
    }

    /**
     * Delivers the drafts of a batch of events, in order, as {@link #deliver} would one by one: what the rules need
     * is read for all of them at once (each a lookup by unique key), the groups they open are written at once, and
     * the notifications are inserted in one unordered bulk insert.
     *
     * @return for each draft, the stored notification, or empty if the rules let none through
     */
    public List<Optional<Notification>> deliverAll(List<NotificationDraft> drafts) {
        List<NotificationDraft> candidates = drafts.stream().filter(draft -> draft.recipientId() != null
                && !draft.recipientId().equals(draft.actor().id())).toList();
        Map<NotificationDraft, Notification> outcome = new HashMap<>();
        if (!candidates.isEmpty()) {
            outcome.putAll(deliverCandidates(candidates));
        }
        return drafts.stream().map(draft -> Optional.ofNullable(outcome.get(draft))).toList();
    }

    private Map<NotificationDraft, Notification> deliverCandidates(List<NotificationDraft> candidates) {
        Map<String, Notification> existing = notifications.findByDedupKeys(
                candidates.stream().map(NotificationDraft::dedupKey).collect(Collectors.toSet()));
        Map<String, UserSettingsRepository.UserSettings> userSettings = settings.getAll(
                candidates.stream().map(NotificationDraft::recipientId).collect(Collectors.toSet()));
        List<NotificationDraft> fresh = new ArrayList<>();
        Map<NotificationDraft, Notification> outcome = new HashMap<>();
        for (NotificationDraft draft : candidates) {
            Notification seen = existing.get(draft.dedupKey());
            if (seen != null) {
                outcome.put(draft, redelivered(draft, seen, userSettings.get(draft.recipientId())));
            } else if (fresh.stream().noneMatch(earlier -> earlier.dedupKey().equals(draft.dedupKey()))) {
                fresh.add(draft); // the same event twice in one batch: the second finds the first, stored below
            }
        }
        Set<SocialGraph.Pair> silenced = graph.silenced(fresh.stream()
                .map(draft -> new SocialGraph.Pair(draft.recipientId(), draft.actor().id())).toList());
        Set<String> suspended = fresh.isEmpty() ? Set.of() : accounts.suspendedAmong(
                fresh.stream().map(draft -> draft.actor().id()).collect(Collectors.toSet()));
        NotificationGrouping.Placement placement = grouping.placement(fresh);
        List<NewNotification> toStore = new ArrayList<>();
        for (NotificationDraft draft : fresh) {
            UserSettingsRepository.UserSettings recipientSettings = userSettings.get(draft.recipientId());
            if (recipientSettings.disabledTypes().contains(draft.type()) || suspended.contains(draft.actor().id())
                    || silenced.contains(new SocialGraph.Pair(draft.recipientId(), draft.actor().id()))) {
                continue;
            }
            PolicyAction action = policyAction(recipientSettings.policy(), draft);
            if (action != PolicyAction.DROP) {
                toStore.add(prepare(draft, action == PolicyAction.FILTER, recipientSettings, placement));
            }
        }
        placement.save();
        Set<Integer> notStored = notifications.insertAll(toStore);
        List<NewNotification> inserted = new ArrayList<>();
        for (int i = 0; i < toStore.size(); i++) {
            NewNotification item = toStore.get(i);
            if (notStored.contains(i)) {
                outcome.put(item.draft(), store(item, userSettings.get(item.draft().recipientId())));
            } else {
                inserted.add(item);
                outcome.put(item.draft(), item.notification());
            }
        }
        stored(inserted, userSettings);
        // a repeated event of this batch finds the notification its first occurrence stored
        for (NotificationDraft draft : candidates) {
            if (!outcome.containsKey(draft) && !fresh.contains(draft)) {
                fresh.stream().filter(first -> first.dedupKey().equals(draft.dedupKey())).findFirst()
                        .map(outcome::get).ifPresent(first -> outcome.put(draft, first));
            }
        }
        return outcome;
    }

    private NewNotification prepare(NotificationDraft draft, boolean filtered,
                                    UserSettingsRepository.UserSettings recipientSettings,
                                    NotificationGrouping.Placement placement) {
        long id = ids.next();
        // MongoDB keeps milliseconds: every rendering of the notification shows the time it reads back
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String groupKey = placement.groupKey(draft.recipientId(), draft.type(), draft.statusId(), id, now);
        Notification notification = new Notification(id, draft.recipientId(), draft.type(), draft.actor(),
                draft.statusId(), groupKey, now, filtered);
        return new NewNotification(notification, draft,
                filtered ? List.of() : push.eventsFor(notification, recipientSettings.deviceIds()),
                placement.opened(draft.recipientId(), groupKey));
    }

    /** Stores one notification the bulk insert left out: a duplicate key, or an id that clashed. */
    private Notification store(NewNotification item, UserSettingsRepository.UserSettings recipientSettings) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Notification> existing = notifications.insert(item.notification(), item.draft(),
                        item.outbox());
                if (existing.isPresent()) {
                    return redelivered(item.draft(), existing.get(), recipientSettings);
                }
                stored(List.of(item), Map.of(item.draft().recipientId(), recipientSettings));
                return item.notification();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && attempt < ID_CLASH_RETRIES) {
                    LOG.debugf("Notification id %d clashed, retrying", item.notification().id());
                    NotificationGrouping.Placement placement = grouping.placement(List.of(item.draft()));
                    item = prepare(item.draft(), item.notification().filtered(), recipientSettings, placement);
                    placement.save();
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * Notifications just stored: those shown go to the read model (in one pipeline), push devices, live streams and
     * webhooks (in one event).
     */
    private void stored(List<NewNotification> items, Map<String, UserSettingsRepository.UserSettings> userSettings) {
        List<NewNotification> shown = items.stream().filter(item -> !item.notification().filtered()).toList();
        if (shown.isEmpty()) {
            return;
        }
        recent.addedAll(shown);
        for (NewNotification item : shown) {
            if (!item.outbox().isEmpty()) {
                push.publish(notifications.collection(), item.notification().id(), item.outbox());
            }
        }
        stored.fire(new NotificationsStored(shown.stream().map(item -> new NotificationsStored.Stored(
                item.notification(), userSettings.get(item.draft().recipientId()).webhookIds())).toList()));
    }

    /**
     * The event was seen before. A mention wins over a reply notification for the same post; and the push channels
     * and live streams get another chance at what a crash may have cut short (each applies it once).
     */
    private Notification redelivered(NotificationDraft draft, Notification existing,
                                     UserSettingsRepository.UserSettings recipientSettings) {
        if (draft.type() == NotificationType.MENTION && existing.type() == NotificationType.REPLY) {
            notifications.changeType(existing.id(), NotificationType.MENTION);
            if (!existing.filtered()) {
                recent.retyped(existing.withType(NotificationType.MENTION));
            }
        }
        if (!existing.filtered()) {
            stored.fire(new NotificationsStored(List.of(new NotificationsStored.Stored(existing,
                    recipientSettings.webhookIds()))));
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

    /** Withdraws the notifications of undone actions, named by their undo keys, in one lookup. */
    public void undo(String recipientId, String... undoKeys) {
        recent.removed(recipientId, notifications.undo(recipientId, List.of(undoKeys)));
    }

    public void postDeleted(String postId) {
        notifications.hideAboutStatus(postId);
    }

    public void actorSuspended(String actorId, boolean suspended) {
        recent.groupsChanged(notifications.setActorSuspended(actorId, suspended));
    }
}
