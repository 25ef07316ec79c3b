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
import org.socialfeed.notification.delivery.NotificationService;
import org.socialfeed.notification.replica.AccountReplica;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.notification.replica.PostCache;
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

    public ReplicaUpdates(AccountReplica accounts, SocialGraph graph, PostCache posts,
                          NotificationService notifications) {
        this.accounts = accounts;
        this.graph = graph;
        this.posts = posts;
        this.notifications = notifications;
    }

    void followCreated(FollowCreated follow) {
        accounts.upsert(follow.follower(), null);
        graph.follow(follow.follower().id(), follow.followeeId(), follow.notifyOfPosts());
    }

    void followRemoved(FollowRemoved removed) {
        graph.unfollow(removed.followerId(), removed.followeeId());
    }

    void blockChanged(BlockChanged block) {
        graph.block(block.blockerId(), block.blockedId(), block.blocking());
    }

    void muteChanged(MuteChanged mute) {
        graph.mute(mute.muterId(), mute.mutedId(), mute.muting(), mute.notifications());
    }

    void postCreated(PostCreated post) {
        posts.put(CachedPost.of(post));
        if (post.inReplyToId() != null) {
            posts.count(post.inReplyToId(), PostCache.REPLIES, post.postId(), true);
        }
    }

    void postUpdated(PostUpdated edit) {
        posts.put(posts.get(edit.postId()).map(post -> post.edited(edit)).orElseGet(() -> CachedPost.of(edit)));
    }

    /** The post leaves the cache, and the notifications about it disappear (as Mastodon deletes them). */
    void postDeleted(PostDeleted deleted) {
        posts.get(deleted.postId()).map(CachedPost::inReplyToId)
                .ifPresent(parentId -> posts.count(parentId, PostCache.REPLIES, deleted.postId(), false));
        posts.remove(deleted.postId());
        notifications.postDeleted(deleted.postId());
    }

    void liked(PostLiked like) {
        posts.count(like.postId(), PostCache.FAVOURITES, like.actor().id(), like.liked());
    }

    void reposted(PostReposted repost) {
        posts.count(repost.postId(), PostCache.REBLOGS, repost.actor().id(), repost.reposted());
    }

    void userRegistered(UserRegistered registered) {
        accounts.upsert(registered.account(), registered.createdAt());
    }

    void userUpdated(UserUpdated updated) {
        accounts.upsert(updated.account(), null);
    }

    /** A suspended account's notifications are hidden, and come back if it is reinstated. */
    void userSuspended(UserSuspended suspension) {
        accounts.setSuspended(suspension.userId(), suspension.suspended());
        notifications.actorSuspended(suspension.userId(), suspension.suspended());
    }
}
