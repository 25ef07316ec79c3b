package org.socialfeed.post.status;

/**
 * What {@link PostService} tells the rest of post-service after a write, as synchronous CDI events, so that
 * packages built on posts (conversations) follow them without {@code status} depending on those packages.
 */
public sealed interface PostChange {

    Post post();

    /** A new post (not a repost) was stored and its events published. */
    record Published(Post post) implements PostChange {
    }

    /** A post (not a repost) was deleted; {@code post} is how it was before. */
    record Deleted(Post post) implements PostChange {
    }
}
