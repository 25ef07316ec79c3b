package org.socialfeed.notification.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.support.events.EventCodec;

/**
 * Reads the four topics notification-service consumes and dispatches each record by its CloudEvents type. Unknown
 * types are skipped (newer producers); records that do not decode throw, so they go to the dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventCodec codec;
    private final NotificationRules rules;
    private final ReplicaUpdates replicas;

    public EventConsumer(ObjectMapper json, NotificationRules rules, ReplicaUpdates replicas) {
        this.codec = new EventCodec(json);
        this.rules = rules;
        this.replicas = replicas;
    }

    @Incoming("follows")
    @Blocking
    public void onFollows(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (FollowCreated.TYPE.equals(type)) {
            FollowCreated follow = codec.decode(record, FollowCreated.class);
            replicas.followCreated(follow);
            rules.followed(eventId(record), follow);
        } else if (FollowRequested.TYPE.equals(type)) {
            rules.followRequested(eventId(record), codec.decode(record, FollowRequested.class));
        } else if (FollowRemoved.TYPE.equals(type)) {
            FollowRemoved removed = codec.decode(record, FollowRemoved.class);
            replicas.followRemoved(removed);
            rules.unfollowed(removed);
        } else if (BlockChanged.TYPE.equals(type)) {
            replicas.blockChanged(codec.decode(record, BlockChanged.class));
        } else if (MuteChanged.TYPE.equals(type)) {
            replicas.muteChanged(codec.decode(record, MuteChanged.class));
        }
    }

    @Incoming("interactions")
    @Blocking
    public void onInteractions(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (PostLiked.TYPE.equals(type)) {
            PostLiked like = codec.decode(record, PostLiked.class);
            replicas.liked(like);
            rules.liked(eventId(record), like);
        } else if (PostReposted.TYPE.equals(type)) {
            PostReposted repost = codec.decode(record, PostReposted.class);
            replicas.reposted(repost);
            rules.reposted(eventId(record), repost);
        } else if (PostReplied.TYPE.equals(type)) {
            rules.replied(codec.decode(record, PostReplied.class));
        }
    }

    @Incoming("posts")
    @Blocking
    public void onPosts(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (PostCreated.TYPE.equals(type)) {
            PostCreated post = codec.decode(record, PostCreated.class);
            replicas.postCreated(post);
            rules.posted(post);
        } else if (PostUpdated.TYPE.equals(type)) {
            replicas.postUpdated(codec.decode(record, PostUpdated.class));
        } else if (PostDeleted.TYPE.equals(type)) {
            replicas.postDeleted(codec.decode(record, PostDeleted.class));
        }
    }

    @Incoming("users")
    @Blocking
    public void onUsers(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (UserRegistered.TYPE.equals(type)) {
            replicas.userRegistered(codec.decode(record, UserRegistered.class));
        } else if (UserUpdated.TYPE.equals(type)) {
            replicas.userUpdated(codec.decode(record, UserUpdated.class));
        } else if (UserSuspended.TYPE.equals(type)) {
            replicas.userSuspended(codec.decode(record, UserSuspended.class));
        }
    }

    /** The event's ce_id; a record without one is identified by its place in the log, which is just as stable. */
    private static String eventId(ConsumerRecord<String, String> record) {
        String id = EventCodec.id(record);
        return id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
