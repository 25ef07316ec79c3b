package org.socialfeed.events;

import java.time.Instant;

/**
 * {@code actor} reposted ({@code reposted} true) or undid the repost of a post. The repost has its own id, which is
 * what enters followers' timelines. Topic {@link Topics#INTERACTIONS}, key = postId (the original).
 */
public record PostReposted(String repostId, AccountRef actor, String postId, String postAuthorId,
                           Visibility postVisibility, boolean reposted, Instant at) {
    public static final String TYPE = "social.post.reposted.v1";
}
