package org.socialfeed.post.favourite;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.Topics;
import org.socialfeed.post.events.PostEventOutbox;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Caller;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.paging.PageRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Likes, idempotent. The like document per (post, account) decides whether a request changes anything; only a
 * request that changed it increments the post's counter, atomically, and stores the event. So concurrent and
 * repeated requests leave the counter exact.
 */
@ApplicationScoped
public class FavouriteService {

    private final PostRepository posts;
    private final FavouriteRepository favourites;
    private final Audience audience;
    private final PostEventOutbox events;
    private final SnowflakeIds ids;

    public FavouriteService(PostRepository posts, FavouriteRepository favourites, Audience audience,
                            PostEventOutbox events, SnowflakeIds ids) {
        this.posts = posts;
        this.favourites = favourites;
        this.audience = audience;
        this.events = events;
        this.ids = ids;
    }

    /** Likes ({@code liked} true) or unlikes a post, or the original of a repost; returns the post as it is now. */
    public Post favourite(Caller caller, String id, boolean liked) {
        Post post = audience.of(caller.id()).target(id);
        AccountRef actor = audience.activeAuthor(caller);
        if (liked) {
            audience.requireNoBlock(caller, post);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutgoingEvent event = events.event(Topics.INTERACTIONS, post.idString(), PostLiked.TYPE,
                new PostLiked(actor, post.idString(), post.author().id(), liked, now));
        if (favourites.transition(post.id(), actor, liked, ids.next(), event)) {
            posts.increment(post.id(), PostRepository.FAVOURITES, liked ? +1 : -1);
            events.publish(favourites.collection(), FavouriteRepository.key(post.id(), caller.id()), event);
        }
        return posts.findById(post.id()).orElse(post);
    }

    /** The likes of a visible post, most recent first. */
    public List<FavouriteRepository.Like> likes(String id, Long viewerId, PageRequest page) {
        Post post = audience.of(viewerId).visiblePost(id);
        return favourites.likesOf(post.id(), page);
    }
}
