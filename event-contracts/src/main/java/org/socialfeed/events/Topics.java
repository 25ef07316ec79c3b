package org.socialfeed.events;

/** Kafka topic names, one per aggregate. */
public final class Topics {
    /** Account lifecycle, keyed by user id. */
    public static final String USERS = "users.events";
    /**
     * The social graph, compacted so it can be replayed whole: follows keyed {@code followerId:followeeId}, blocks
     * {@code block:blockerId:blockedId}, mutes {@code mute:muterId:mutedId}.
     */
    public static final String FOLLOWS = "follows.events";
    /** Post lifecycle, keyed by author id so one author's events stay in order. */
    public static final String POSTS = "posts.events";
    /** Likes, reposts and replies, keyed by the target post id so one post's counters stay in order. */
    public static final String INTERACTIONS = "interactions.events";
    /** One record per device and notification for push gateways, keyed by user id. */
    public static final String NOTIFICATIONS_PUSH = "notifications.push";

    private Topics() {
    }

    /** The dead-letter topic a consumer of {@code topic} sends poison records to. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
