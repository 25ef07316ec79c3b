package org.socialfeed.post.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.support.events.EventCodec;

/** Keeps {@link SocialGraphReplica} up to date from follows.events. Requests and mutes do not matter here. */
@ApplicationScoped
public class FollowEventsConsumer {

    public static final String CHANNEL = "follows";

    private final SocialGraphReplica graph;
    private final EventCodec codec;

    public FollowEventsConsumer(SocialGraphReplica graph, ObjectMapper json) {
        this.graph = graph;
        this.codec = new EventCodec(json);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (FollowCreated.TYPE.equals(type)) {
            FollowCreated created = codec.decode(record, FollowCreated.class);
            graph.follow(created.follower().id(), created.followeeId());
        } else if (FollowRemoved.TYPE.equals(type)) {
            FollowRemoved removed = codec.decode(record, FollowRemoved.class);
            graph.unfollow(removed.followerId(), removed.followeeId());
        } else if (BlockChanged.TYPE.equals(type)) {
            BlockChanged changed = codec.decode(record, BlockChanged.class);
            graph.block(changed.blockerId(), changed.blockedId(), changed.blocking());
        }
    }
}
