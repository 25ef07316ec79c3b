package org.socialfeed.notification.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.socialfeed.events.AccountRef;
import org.socialfeed.notification.delivery.NotificationService;
import org.socialfeed.notification.inbox.RecentNotifications;
import org.socialfeed.notification.replica.AccountReplica;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.notification.replica.PostCache;
import org.socialfeed.notification.replica.RenderedAccounts;
import org.socialfeed.notification.replica.RenderedPosts;
import org.socialfeed.notification.replica.SocialGraph;

/**
 * Keeps this service's copies of accounts, the graph and posts (with their counts) in step with the events. All
 * idempotent.
 */
@ApplicationScoped
public class ReplicaUpdates {

    private final AccountReplica accounts;
    private final SocialGraph graph;
    private final PostCache posts;
    private final NotificationService notifications;
    private final RenderedAccounts renderedAccounts;
    private final RenderedPosts renderedPosts;
    private final RecentNotifications recent;

    public ReplicaUpdates(AccountReplica accounts, SocialGraph graph, PostCache posts,
                          NotificationService notifications, RenderedAccounts renderedAccounts,
                          RenderedPosts renderedPosts, RecentNotifications recent) {
        this.renderedAccounts = renderedAccounts;
        this.renderedPosts = renderedPosts;
        this.recent = recent;
        this.accounts = accounts;
        this.graph = graph;
        this.posts = posts;
        this.notifications = notifications;
    }

    /**
     * A run of follows: the followers' profiles in a read and a bulk write, the changed ones rendered in another read
     * and one Redis write, the follows in another two.
     */
    void followsCreated(List<FollowCreated> follows) {
        rendered(accounts.upsertAll(follows.stream().map(FollowCreated::follower).toList()));
        graph.followAll(follows.stream().map(follow -> new SocialGraph.Follow(follow.follower().id(),
                follow.followeeId(), follow.notifyOfPosts())).toList());
    }

    void followRemoved(FollowRemoved removed) {
        graph.unfollow(removed.followerId(), removed.followeeId());
    }

    void blockChanged(BlockChanged block) {
        graph.block(block.blockerId(), block.blockedId(), block.blocking());
        silencingChanged(block.blockerId(), block.blockedId());
    }

    void muteChanged(MuteChanged mute) {
        graph.mute(mute.muterId(), mute.mutedId(), mute.muting(), mute.notifications());
        silencingChanged(mute.muterId(), mute.mutedId());
    }

    /** A block and a mute silence alike: lifting one leaves the other. */
    private void silencingChanged(String userId, String otherId) {
        recent.silencing(userId, otherId, graph.blocksOrMutes(userId, otherId));
    }

    void postCreated(PostCreated post) {
        cache(CachedPost.of(post));
        if (post.inReplyToId() != null) {
            count(post.inReplyToId(), PostCache.REPLIES, post.postId(), true);
        }
    }

    void postUpdated(PostUpdated edit) {
        cache(posts.get(edit.postId()).map(post -> post.edited(edit)).orElseGet(() -> CachedPost.of(edit)));
    }

    /** Caches the post and renders its template; one the cache knew nothing of has no members to copy later. */
    private void cache(CachedPost post) {
        if (posts.put(post)) {
            renderedPosts.created(post);
        } else {
            renderedPosts.changed(post);
        }
    }

    private void count(String postId, String counter, String member, boolean add) {
        posts.count(postId, counter, member, add);
        renderedPosts.counted(postId, counter, member, add);
    }

    /** The post leaves the cache, and the notifications about it disappear (as Mastodon deletes them). */
    void postDeleted(PostDeleted deleted) {
        posts.get(deleted.postId()).map(CachedPost::inReplyToId)
                .ifPresent(parentId -> count(parentId, PostCache.REPLIES, deleted.postId(), false));
        posts.remove(deleted.postId());
        renderedPosts.deleted(deleted.postId());
        notifications.postDeleted(deleted.postId());
    }

    void liked(PostLiked like) {
        count(like.postId(), PostCache.FAVOURITES, like.actor().id(), like.liked());
    }

    void reposted(PostReposted repost) {
        count(repost.postId(), PostCache.REBLOGS, repost.actor().id(), repost.reposted());
    }

    /**
     * A new account: its profile, and (the first time only: a replayed registration may follow a loss of Redis's
     * data) its read model of notifications marked built, so its first reads need not rebuild it from MongoDB.
     */
    void userRegistered(UserRegistered registered) {
        if (profile(registered.account(), registered.createdAt()) == AccountReplica.Upsert.INSERTED) {
            recent.registered(registered.account().id());
        }
    }

    void userUpdated(UserUpdated updated) {
        profile(updated.account(), null);
    }

    /** A changed profile is rendered again: as the account of notifications and as the author of statuses. */
    private AccountReplica.Upsert profile(AccountRef account, Instant createdAt) {
        AccountReplica.Upsert upsert = accounts.upsert(account, createdAt);
        if (upsert.changed()) {
            rendered(List.of(account.id()));
        }
        return upsert;
    }

    /** Changed profiles rendered again: as the accounts of notifications and as the authors of statuses. */
    private void rendered(Collection<String> accountIds) {
        renderedAccounts.refreshAll(accountIds);
        renderedPosts.authorsChanged(accountIds);
    }

    /** A suspended account's notifications are hidden, and come back if it is reinstated. */
    void userSuspended(UserSuspended suspension) {
        accounts.setSuspended(suspension.userId(), suspension.suspended());
        notifications.actorSuspended(suspension.userId(), suspension.suspended());
        renderedAccounts.refresh(suspension.userId());
    }
}
