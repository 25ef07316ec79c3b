package org.socialfeed.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.notification.replica.AccountReplica;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.notification.replica.PostCache;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders notifications with their accounts and posts, loading the names and posts of a whole page in two queries.
 */
@ApplicationScoped
public class NotificationViews {

    private final AccountReplica accounts;
    private final PostCache posts;

    public NotificationViews(AccountReplica accounts, PostCache posts) {
        this.accounts = accounts;
        this.posts = posts;
    }

    public NotificationView render(Notification notification) {
        return render(List.of(notification)).get(0);
    }

    public List<NotificationView> render(List<Notification> notifications) {
        Rendering rendering = prepare(notifications.stream().map(Notification::actor).toList(),
                notifications.stream().map(Notification::statusId).filter(Objects::nonNull).toList());
        return notifications.stream().map(n -> new NotificationView(n.idString(), n.type().apiName(), n.createdAt(),
                rendering.account(n.actor()), n.statusId() == null ? null : rendering.status(n.statusId()),
                n.groupKey(), n.filtered() ? Boolean.TRUE : null)).toList();
    }

    /** Loads what rendering these accounts and posts needs. */
    public Rendering prepare(Collection<AccountRef> actors, Collection<String> statusIds) {
        Map<String, CachedPost> cached = posts.getAll(new HashSet<>(statusIds));
        Set<String> accountIds = new HashSet<>();
        actors.forEach(actor -> accountIds.add(actor.id()));
        cached.values().forEach(post -> accountIds.add(post.author().id()));
        return new Rendering(accounts.refs(accountIds), cached);
    }

    /** The names and posts loaded for one response. */
    public static final class Rendering {
        private final Map<String, AccountRef> names;
        private final Map<String, CachedPost> posts;
        private final Map<String, StatusView> statuses = new HashMap<>();

        Rendering(Map<String, AccountRef> names, Map<String, CachedPost> posts) {
            this.names = names;
            this.posts = posts;
        }

        public AccountView account(AccountRef actor) {
            return AccountView.summary(names.getOrDefault(actor.id(), actor));
        }

        /** The post as a Status, or null if it is not (or no longer) in the cache. */
        public StatusView status(String statusId) {
            CachedPost post = posts.get(statusId);
            return post == null ? null : statuses.computeIfAbsent(statusId, id -> StatusViews.of(post, names));
        }
    }
}
