package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.graph.SocialGraphReplica;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see and touch a post. A post is seen if it is not deleted, its author is not suspended, neither account
 * blocks the other, and it is public or the viewer follows the author (or is the author). Interacting also needs
 * the caller's own account not to be suspended.
 */
@ApplicationScoped
public class Audience {

    private final AccountReplica accounts;
    private final SocialGraphReplica graph;

    public Audience(AccountReplica accounts, SocialGraphReplica graph) {
        this.accounts = accounts;
        this.graph = graph;
    }

    /** What one viewer (null: anonymous) may see; remembers what it learnt of each author for one request. */
    public Sight of(Long viewerId) {
        return new Sight(viewerId);
    }

    /** Refuses a caller whose account is suspended. */
    public void requireActive(Caller caller) {
        if (accounts.isSuspended(caller.id())) {
            throw new ForbiddenException("Your account is suspended");
        }
    }

    /** Refuses a suspended caller, and one that the post's author blocks (or that blocks the author). */
    public void requireMayInteract(Caller caller, Post post) {
        requireActive(caller);
        if (post.authorId() != caller.id() && graph.blockedEitherWay(caller.id(), post.authorId())) {
            throw new ForbiddenException("You cannot interact with this account's posts");
        }
    }

    public final class Sight {
        private final Long viewerId;
        private final Map<Long, AuthorAccess> byAuthor = new HashMap<>();

        private Sight(Long viewerId) {
            this.viewerId = viewerId;
        }

        public Long viewerId() {
            return viewerId;
        }

        /** The post if the viewer may see it; otherwise 404, as if it did not exist. */
        public Post visible(Optional<Post> post) {
            return post.filter(this::canSee).orElseThrow(() -> new NotFoundException("Record not found"));
        }

        public boolean canSee(Post post) {
            if (post == null || post.deleted()) {
                return false;
            }
            AuthorAccess access = access(post.authorId());
            return access.visible() && (post.visibility() == Visibility.PUBLIC || access.follower());
        }

        /** Whether the viewer may see the author's followers-only posts (and is not shut out by a block). */
        public boolean seesFollowersOnlyOf(long authorId) {
            return access(authorId).follower();
        }

        /** Whether the author's posts may be shown to the viewer at all. */
        public boolean seesAuthor(long authorId) {
            return access(authorId).visible();
        }

        private AuthorAccess access(long authorId) {
            return byAuthor.computeIfAbsent(authorId, this::lookUp);
        }

        private AuthorAccess lookUp(long authorId) {
            if (accounts.isSuspended(authorId)) {
                return new AuthorAccess(false, false);
            }
            if (viewerId == null) {
                return new AuthorAccess(true, false);
            }
            if (viewerId == authorId) {
                return new AuthorAccess(true, true);
            }
            if (graph.blockedEitherWay(viewerId, authorId)) {
                return new AuthorAccess(false, false);
            }
            return new AuthorAccess(true, graph.follows(viewerId, authorId));
        }
    }

    private record AuthorAccess(boolean visible, boolean follower) {
    }
}
