package org.socialfeed.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.notification.replica.AccountReplica;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.notification.replica.PostCache;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;
import org.socialfeed.support.mastodon.StatusRendering;
import org.socialfeed.support.mastodon.StatusView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders notifications with their accounts and posts (through the shared {@link StatusRendering}), loading the
 * profiles, posts and counts of a whole page in a fixed number of queries.
 */
@ApplicationScoped
public class NotificationViews {

    private final AccountReplica accounts;
    private final PostCache posts;
    private final StatusRendering rendering;

    public NotificationViews(AccountReplica accounts, PostCache posts, StatusRendering rendering) {
        this.accounts = accounts;
        this.posts = posts;
        this.rendering = rendering;
    }

    public NotificationView render(Notification notification) {
        return render(List.of(notification)).get(0);
    }

    /**
     * Renders notifications, each for its recipient, whose own likes and reposts its embedded status shows: the
     * profiles and posts of all of them in one read each, each recipient's interactions with the posts in one more.
     */
    public List<NotificationView> render(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        Map<String, CachedPost> cached = posts.getAll(notifications.stream().map(Notification::statusId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<String, AccountRef> profiles = profiles(notifications.stream().map(Notification::actor).toList(), cached);
        Map<String, Set<String>> statusesByRecipient = new HashMap<>();
        notifications.forEach(n -> statusesByRecipient.computeIfAbsent(n.recipientId(), recipient -> new HashSet<>())
                .add(n.statusId()));
        Map<String, Rendering> byRecipient = new HashMap<>();
        statusesByRecipient.forEach((recipient, statusIds) -> byRecipient.put(recipient, new Rendering(rendering,
                profiles, cached, posts.interactions(statusIds.stream().filter(cached::containsKey).toList(),
                recipient))));
        return notifications.stream().map(n -> {
            Rendering rendering = byRecipient.get(n.recipientId());
            return new NotificationView(n.idString(), n.type().apiName(), n.createdAt(),
                    rendering.account(n.actor()), n.statusId() == null ? null : rendering.status(n.statusId()),
                    n.groupKey(), n.filtered() ? Boolean.TRUE : null);
        }).toList();
    }

    /** Loads what rendering these accounts and posts for {@code recipientId} needs. */
    public Rendering prepare(String recipientId, Collection<AccountRef> actors, Collection<String> statusIds) {
        Map<String, CachedPost> cached = posts.getAll(new HashSet<>(statusIds));
        return new Rendering(rendering, profiles(actors, cached), cached,
                posts.interactions(cached.keySet(), recipientId));
    }

    /** The current profiles of the actors and of the posts' authors, in one read. */
    private Map<String, AccountRef> profiles(Collection<AccountRef> actors, Map<String, CachedPost> cached) {
        Set<String> accountIds = new HashSet<>();
        actors.forEach(actor -> accountIds.add(actor.id()));
        cached.values().forEach(post -> accountIds.add(post.author().id()));
        return accounts.refs(accountIds);
    }

    /** The profiles, posts and counts loaded for one response. */
    public static final class Rendering {
        private final StatusRendering rendering;
        private final Map<String, AccountRef> profiles;
        private final Map<String, CachedPost> posts;
        private final Map<String, Interactions> interactions;
        private final Map<String, StatusView> statuses = new HashMap<>();

        Rendering(StatusRendering rendering, Map<String, AccountRef> profiles, Map<String, CachedPost> posts,
                  Map<String, Interactions> interactions) {
            this.rendering = rendering;
            this.profiles = profiles;
            this.posts = posts;
            this.interactions = interactions;
        }

        /** The account as this service knows it now, or as the event that named it described it. */
        public AccountView account(AccountRef actor) {
            return rendering.account(current(actor));
        }

        /** The post as a Status, or null if it is not (or no longer) in the cache. */
        public StatusView status(String statusId) {
            CachedPost post = posts.get(statusId);
            return post == null ? null : statuses.computeIfAbsent(statusId, id -> rendering.status(
                    post.renderable(current(post.author())),
                    interactions.getOrDefault(id, new Interactions(0, 0, 0, false, false)), null));
        }

        private AccountRef current(AccountRef account) {
            return profiles.getOrDefault(account.id(), account);
        }
    }
}
