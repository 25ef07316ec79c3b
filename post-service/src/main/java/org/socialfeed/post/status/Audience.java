package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.account.KnownAccount;
import org.socialfeed.post.graph.SocialGraphReplica;
import org.socialfeed.support.problem.Refusal;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may see and touch a post: post-service's one visibility policy, asked by every endpoint that returns a
 * status. A post is seen if it is not deleted, its author is not suspended, neither account blocks the other, and
 * its visibility lets the viewer in, as Mastodon's {@code StatusPolicy#show?} does: public and unlisted posts anyone,
 * followers-only posts the author, their followers and the accounts the post mentions, direct posts only the author
 * and the accounts it mentions. A repost is seen only if its original is seen too,
 * so a block cannot be bypassed through someone else's repost; a quoted post the viewer may not see is left out of
 * the quoting status ({@link StatusViews}); a thread shows only the posts the viewer may see ({@link ThreadService}).
 * Mutes do not hide posts here: as in Mastodon, they filter timelines and notifications, not lookups. Interacting
 * also needs the caller's own account not to be suspended.
 */
@ApplicationScoped
public class Audience {

    private final AccountReplica accounts;
    private final SocialGraphReplica graph;
    private final PostRepository posts;

    public Audience(AccountReplica accounts, SocialGraphReplica graph, PostRepository posts) {
        this.accounts = accounts;
        this.graph = graph;
        this.posts = posts;
    }

    /** What one viewer (null: anonymous) may see; remembers what it learnt of each author for one request. */
    public Sight of(Long viewerId) {
        return new Sight(viewerId);
    }

    /** Refuses a caller whose account is suspended. */
    public void requireActive(Caller caller) {
        if (accounts.isSuspended(caller.id())) {
            throw Refusal.notAllowed("Your account is suspended");
        }
    }

    /**
     * The caller as the author of a new post, refused if suspended: one read of the account gives both, where
     * {@link #requireActive} and a second read for the profile would take two round trips per post.
     */
    public AccountRef activeAuthor(Caller caller) {
        KnownAccount account = accounts.asKnownNow(caller.id(), caller.username());
        if (account.suspended()) {
            throw Refusal.notAllowed("Your account is suspended");
        }
        return account.ref();
    }

    /**
     * Refuses to let a post be reposted or quoted beyond its audience, as Mastodon's {@code StatusPolicy#reblog?}:
     * followers-only posts only by their author (the repost stays followers-only), direct posts never.
     *
     * @param how "reposted" or "quoted", for the message
     */
    public void requireMaySpread(Caller caller, Post post, String how) {
        switch (post.visibility()) {
            case PUBLIC, UNLISTED -> {
            }
            case PRIVATE -> {
                if (post.authorId() != caller.id()) {
                    throw new UnprocessableEntity("Validation failed: followers-only posts cannot be " + how
                            + " by others");
                }
            }
            case DIRECT -> throw new UnprocessableEntity("Validation failed: direct posts cannot be " + how);
        }
    }

    /**
     * Refuses a caller that the post's author blocks (or that blocks the author); the caller's suspension is checked
     * with {@link #activeAuthor}, which reads the account the interaction needs anyway.
     */
    public void requireNoBlock(Caller caller, Post post) {
        if (post.authorId() != caller.id() && graph.blockedEitherWay(caller.id(), post.authorId())) {
            throw Refusal.notAllowed("You cannot interact with this account's posts");
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

        /** The post with this id (as written in a path) if the viewer may see it; otherwise 404. */
        public Post visiblePost(String id) {
            return visible(posts.findById(PostId.parse(id)));
        }

        /** What an interaction with post {@code id} is about: the post, or the original of a repost; else 404. */
        public Post target(String id) {
            return targetOf(PostId.parse(id)).orElseThrow(PostId::notFound);
        }

        /** The post, or the original of a repost, if the viewer may see both; each read once. */
        public Optional<Post> targetOf(long id) {
            Optional<Post> post = posts.findById(id).filter(this::canSee);
            return post.isPresent() && post.get().isRepost()
                    ? posts.findById(post.get().reblogOfId()).filter(this::canSee) : post;
        }

        /** The post if the viewer may see it and, for a repost, its original; otherwise 404, as if it did not exist. */
        public Post visible(Optional<Post> post) {
            return post.filter(found -> canSee(found)
                            && (!found.isRepost() || canSee(posts.findById(found.reblogOfId()).orElse(null))))
                    .orElseThrow(PostId::notFound);
        }

        /** The posts of a page the viewer may see, in the same order; the originals of reposts read in one query. */
        public List<Post> visibleOnly(List<Post> page) {
            Map<Long, Post> originals = posts.findByIds(page.stream().filter(Post::isRepost).map(Post::reblogOfId)
                    .collect(Collectors.toSet()));
            return page.stream().filter(post -> canSee(post)
                    && (!post.isRepost() || canSee(originals.get(post.reblogOfId())))).toList();
        }

        /** Whether the viewer may see this post itself (not what it embeds: see {@link #visible}). */
        public boolean canSee(Post post) {
            if (post == null || post.deleted()) {
                return false;
            }
            AuthorAccess access = access(post.authorId());
            return access.visible() && switch (post.visibility()) {
                case PUBLIC, UNLISTED -> true;
                case PRIVATE -> access.follower() || isMentionedIn(post);
                case DIRECT -> isAuthorOf(post) || isMentionedIn(post);
            };
        }

        /**
         * The visibilities of an author's posts the viewer may see whether mentioned or not (a timeline of the
         * author also reads the posts that mention the viewer): all for the author, followers-only posts too for a
         * follower. {@link #canSee} still decides each post.
         */
        public Set<Visibility> visibilitiesOf(long authorId) {
            if (viewerId != null && viewerId == authorId) {
                return EnumSet.allOf(Visibility.class);
            }
            return access(authorId).follower() ? EnumSet.of(Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE)
                    : EnumSet.of(Visibility.PUBLIC, Visibility.UNLISTED);
        }

        private boolean isAuthorOf(Post post) {
            return viewerId != null && viewerId == post.authorId();
        }

        private boolean isMentionedIn(Post post) {
            String viewer = String.valueOf(viewerId);
            return viewerId != null && post.mentions().stream().anyMatch(mention -> mention.id().equals(viewer));
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
