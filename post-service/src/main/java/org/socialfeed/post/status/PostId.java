package org.socialfeed.post.status;

import org.socialfeed.support.problem.Refusal;

/** A post id as a client writes it in a path: a number, or else it names no post (404, as Mastodon answers). */
public final class PostId {

    private PostId() {
    }

    public static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    public static Refusal notFound() {
        return Refusal.notFound("Record not found");
    }
}
