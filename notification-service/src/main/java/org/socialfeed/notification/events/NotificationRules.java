package org.socialfeed.notification.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Visibility;
import org.socialfeed.notification.delivery.NotificationService;
import org.socialfeed.notification.inbox.NotificationDraft;
import org.socialfeed.notification.inbox.NotificationType;
import org.socialfeed.notification.replica.PostCache;
import org.socialfeed.notification.replica.SocialGraph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which notifications each event asks for. A new post notifies each account at most once, by priority: mentioned,
 * then quoted, then subscribed to the author's posts; the replied-to author gets a {@code reply} unless the reply
 * mentions them (then it is a {@code mention}, as in Mastodon). Undoing a like, a repost or a follow withdraws its
 * notification, as Mastodon does. A direct post notifies only the accounts it mentions (post-service announces no
 * reply for it); whether a private mention is shown is the recipient's policy ({@code for_private_mentions}).
 */
@ApplicationScoped
public class NotificationRules {

    private final NotificationService notifications;
    private final SocialGraph graph;
    private final PostCache posts;

    public NotificationRules(NotificationService notifications, SocialGraph graph, PostCache posts) {
        this.notifications = notifications;
        this.graph = graph;
        this.posts = posts;
    }

    /** A run of follows, by their event ids: a {@code follow} for each followee, delivered together. */
    void followed(Map<String, FollowCreated> follows) {
        notifications.deliverAll(follows.entrySet().stream().map(follow -> new NotificationDraft(
                NotificationDraft.eventKey(follow.getKey(), follow.getValue().followeeId()),
                NotificationDraft.undoKey(NotificationType.FOLLOW, follow.getValue().follower().id(),
                        follow.getValue().followeeId()),
                follow.getValue().followeeId(), NotificationType.FOLLOW, follow.getValue().follower(), null)).toList());
    }

    /** The request is answered (approved or rejected) or the follow is over: its notifications are withdrawn. */
    void unfollowed(FollowRemoved removed) {
        notifications.undo(removed.followeeId(),
                NotificationDraft.undoKey(NotificationType.FOLLOW, removed.followerId(), removed.followeeId()),
                NotificationDraft.undoKey(NotificationType.FOLLOW_REQUEST, removed.followerId(), removed.followeeId()));
    }

    void followRequested(String eventId, FollowRequested request) {
        String undoKey = NotificationDraft.undoKey(NotificationType.FOLLOW_REQUEST, request.follower().id(),
                request.followeeId());
        notifications.deliver(new NotificationDraft(NotificationDraft.eventKey(eventId, request.followeeId()), undoKey,
                request.followeeId(), NotificationType.FOLLOW_REQUEST, request.follower(), null));
    }

    void liked(String eventId, PostLiked like) {
        interacted(eventId, NotificationType.FAVOURITE, like.actor(), like.postId(), like.postAuthorId(), like.liked());
    }

    void reposted(String eventId, PostReposted repost) {
        interacted(eventId, NotificationType.REBLOG, repost.actor(), repost.postId(), repost.postAuthorId(),
                repost.reposted());
    }

    void replied(PostReplied reply) {
        boolean alsoMentioned = posts.get(reply.replyId()).map(post -> post.mentions(reply.postAuthorId()))
                .orElse(false);
        if (!alsoMentioned) {
            notifications.deliver(new NotificationDraft(NotificationDraft.postKey(reply.replyId(), reply.postAuthorId()),
                    null, reply.postAuthorId(), NotificationType.REPLY, reply.actor(), reply.replyId()));
        }
    }

    void posted(PostCreated post) {
        Map<String, NotificationType> recipients = new LinkedHashMap<>();
        if (post.mentions() != null) {
            post.mentions().forEach(mention -> recipients.putIfAbsent(mention.id(), NotificationType.MENTION));
        }
        // a direct post is for the accounts it mentions alone: no one else hears of it
        if (post.visibility() != Visibility.DIRECT) {
            if (post.quotedPostId() != null) {
                posts.get(post.quotedPostId()).ifPresent(quoted ->
                        recipients.putIfAbsent(quoted.author().id(), NotificationType.QUOTE));
            }
            graph.postSubscribers(post.author().id())
                    .forEach(subscriber -> recipients.putIfAbsent(subscriber, NotificationType.STATUS));
        }
        recipients.forEach((recipient, type) -> notifications.deliver(new NotificationDraft(
                NotificationDraft.postKey(post.postId(), recipient), null, recipient, type, post.author(),
                post.postId())));
    }

    private void interacted(String eventId, NotificationType type, AccountRef actor, String postId,
                            String postAuthorId, boolean done) {
        String undoKey = NotificationDraft.undoKey(type, actor.id(), postId);
        if (done) {
            notifications.deliver(new NotificationDraft(NotificationDraft.eventKey(eventId, postAuthorId), undoKey,
                    postAuthorId, type, actor, postId));
        } else {
            notifications.undo(postAuthorId, undoKey);
        }
    }
}
