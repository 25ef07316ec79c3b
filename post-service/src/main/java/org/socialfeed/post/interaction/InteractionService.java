package org.socialfeed.post.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.events.PostEventOutbox;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Caller;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.post.status.PostService;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Likes and reposts, all idempotent. A unique document per (post, account) decides whether a request changes
 * anything (the like document; for a repost, the repost status with its unique repost key); only a request that
 * changed it increments the post's counter, atomically, and stores the event. So concurrent and repeated requests
 * leave the counters exact.
 */
@ApplicationScoped
public class InteractionService {

    private static final int ATTEMPTS = 3;

    private final PostRepository posts;
    private final FavouriteRepository favourites;
    private final AccountReplica accounts;
    private final Audience audience;
    private final PostEventOutbox events;
    private final SnowflakeIds ids = new SnowflakeIds();

    public InteractionService(PostRepository posts, FavouriteRepository favourites, AccountReplica accounts,
                              Audience audience, PostEventOutbox events) {
        this.posts = posts;
        this.favourites = favourites;
        this.accounts = accounts;
        this.audience = audience;
        this.events = events;
    }

    /** Likes ({@code liked} true) or unlikes a post; returns the post as it is now. */
    public Post favourite(Caller caller, String id, boolean liked) {
        Post post = target(caller, id);
        if (liked) {
            audience.requireMayInteract(caller, post);
        } else {
            audience.requireActive(caller);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AccountRef actor = actor(caller);
        OutgoingEvent event = events.event(Topics.INTERACTIONS, post.idString(), PostLiked.TYPE,
                new PostLiked(actor, post.idString(), post.author().id(), liked, now));
        if (favourites.transition(post.id(), actor, liked, ids.next(), event)) {
            posts.increment(post.id(), PostRepository.FAVOURITES, liked ? +1 : -1);
            events.publish(favourites.collection(), FavouriteRepository.key(post.id(), caller.id()), event);
        }
        return posts.findById(post.id()).orElse(post);
    }

    /** Reposts a post; reposting it again returns the standing repost. Returns the repost. */
    public Post repost(Caller caller, String id) {
        Post original = target(caller, id);
        audience.requireMayInteract(caller, original);
        if (original.visibility() != Visibility.PUBLIC) {
            throw new UnprocessableEntity("Followers-only posts cannot be reposted");
        }
        String repostKey = repostKey(original.id(), caller.id());
        var standing = posts.findStandingRepost(repostKey);
        if (standing.isPresent()) {
            return standing.get();
        }
        AccountRef actor = actor(caller);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post repost = new Post(ids.next(), actor, "", "", Visibility.PUBLIC, null, null, null, original.id(),
                    List.of(), List.of(), List.of(), now, null, 0, false, 0, 0, 0);
            OutgoingEvent event = events.event(Topics.INTERACTIONS, original.idString(), PostReposted.TYPE,
                    new PostReposted(repost.idString(), actor, original.idString(), original.author().id(),
                            original.visibility(), true, now));
            switch (posts.insert(repost, null, repostKey, List.of(event))) {
                case NONE -> {
                    posts.increment(original.id(), PostRepository.REBLOGS, +1);
                    events.publish(posts.collection(), repost.id(), event);
                    return repost;
                }
                case REPOST_KEY -> {
                    return posts.findStandingRepost(repostKey).orElseThrow();
                }
                default -> {
                    // the id clashed: draw a new one
                }
            }
        }
        throw new IllegalStateException("No free post id after " + ATTEMPTS + " attempts");
    }

    /** Undoes the caller's repost of a post, if there is one; returns the original. */
    public Post unrepost(Caller caller, String id) {
        Post original = target(caller, id);
        audience.requireActive(caller);
        posts.findStandingRepost(repostKey(original.id(), caller.id())).ifPresent(this::undoRepost);
        return posts.findById(original.id()).orElse(original);
    }

    /**
     * Turns a standing repost into a tombstone with its "unreposted" event, once.
     *
     * @return true if this call undid it
     */
    public boolean undoRepost(Post repost) {
        Post original = posts.findById(repost.reblogOfId()).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutgoingEvent event = events.event(Topics.INTERACTIONS, original.idString(), PostReposted.TYPE,
                new PostReposted(repost.idString(), repost.author(), original.idString(), original.author().id(),
                        original.visibility(), false, now));
        if (!posts.markDeleted(repost.id(), now, List.of(event))) {
            return false;
        }
        posts.increment(original.id(), PostRepository.REBLOGS, -1);
        events.publish(posts.collection(), repost.id(), event);
        return true;
    }

    /** The likes of a visible post, most recent first. */
    public List<FavouriteRepository.Like> likes(String id, Long viewerId, PageRequest page) {
        Post post = audience.of(viewerId).visible(posts.findById(PostService.parseId(id)));
        return favourites.likesOf(post.id(), page);
    }

    /** The standing reposts of a visible post, most recent first. */
    public List<Post> reposts(String id, Long viewerId, PageRequest page) {
        Post post = audience.of(viewerId).visible(posts.findById(PostService.parseId(id)));
        return posts.repostsOf(post.id(), page);
    }

    /** The post an interaction is about: a visible post, or the original of a visible repost. */
    private Post target(Caller caller, String id) {
        Audience.Sight sight = audience.of(caller.id());
        Post post = sight.visible(posts.findById(PostService.parseId(id)));
        return post.isRepost() ? sight.visible(posts.findById(post.reblogOfId())) : post;
    }

    private AccountRef actor(Caller caller) {
        return accounts.refOf(caller.id(), caller.username());
    }

    public static String repostKey(long originalId, long reposterId) {
        return originalId + ":" + reposterId;
    }
}
