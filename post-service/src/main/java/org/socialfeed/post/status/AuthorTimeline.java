package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.support.paging.PageRequest;

import java.util.List;

/** An author's own timeline: their posts and reposts, newest first, as one viewer may see them. */
@ApplicationScoped
public class AuthorTimeline {

    /** The posts the viewer may see, and the ids the page was read by (for the Link header). */
    public record Page(List<Post> visible, List<Post> read) {
    }

    private final PostRepository posts;
    private final AccountReplica accounts;

    public AuthorTimeline(PostRepository posts, AccountReplica accounts) {
        this.posts = posts;
        this.accounts = accounts;
    }

    /** A suspended author's timeline is gone (404); one the viewer is shut out of by a block is empty. */
    public Page of(String authorId, Audience.Sight sight, PageRequest page, boolean excludeReplies,
                   boolean excludeReblogs) {
        long author = PostId.parse(authorId);
        if (accounts.isSuspended(author)) {
            throw PostId.notFound();
        }
        List<Post> read = sight.seesAuthor(author)
                ? posts.byAuthor(author, page, sight.visibilitiesOf(author), sight.viewerId(), excludeReplies,
                        excludeReblogs)
                : List.of();
        return new Page(sight.visibleOnly(read), read);
    }
}
