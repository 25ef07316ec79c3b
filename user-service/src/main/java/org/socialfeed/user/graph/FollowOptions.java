package org.socialfeed.user.graph;

import org.socialfeed.user.graph.Follow;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/accounts/{id}/follow} (JSON or form), with Mastodon's names; both optional. Omitted
 * options keep their current value, or the default (notify false, reblogs true) for a new follow.
 */
public record FollowOptions(@JsonProperty("notify") Boolean notifyPosts, @JsonProperty("reblogs") Boolean reblogs) {

    public static final FollowOptions NONE = new FollowOptions(null, null);

    /** These options filled in from {@code current} (or the defaults when there is no follow yet). */
    public FollowOptions resolvedAgainst(Follow current) {
        return new FollowOptions(notifyPosts != null ? notifyPosts : current != null && current.notifying(),
                reblogs != null ? reblogs : current == null || current.reblogs());
    }

    public boolean notifyOfPosts() {
        return Boolean.TRUE.equals(notifyPosts);
    }

    public boolean showReblogs() {
        return !Boolean.FALSE.equals(reblogs);
    }
}
