package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.events.PostEventOutbox;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.paging.PageRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reposts, idempotent. A repost is a status of its own carrying the unique key {@code originalId:reposterId} while it
 * stands; only the request whose insert took the key increments the original's counter and stores the event, so
 * concurrent and repeated requests count once.
 */
@ApplicationScoped
public class RepostService {

    private static final int ATTEMPTS = 3;

    private final PostRepository posts;
    private final Audience audience;
    private final PostEventOutbox events;
    private final SnowflakeIds ids;

    public RepostService(PostRepository posts, Audience audience, PostEventOutbox events, SnowflakeIds ids) {
        this.posts = posts;
        this.audience = audience;
        this.events = events;
        this.ids = ids;
    }

    /** Reposts a post; reposting it again returns the standing repost. Returns the repost. */
    public Post repost(Caller caller, String id) {
        Post original = audience.of(caller.id()).target(id);
        AccountRef actor = audience.activeAuthor(caller);
        audience.requireNoBlock(caller, original);
        audience.requireMaySpread(caller, original, "reposted");
        String repostKey = PostRepository.repostKey(original.id(), caller.id());
        var standing = posts.findStandingRepost(repostKey);
        if (standing.isPresent()) {
            return standing.get();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post repost = new Post(ids.next(), actor, "", "", visibilityOfRepost(original), null, null, null,
                    original.id(),
                    List.of(), List.of(), List.of(), "", false, null, now, null, 0, false, 0, 0, 0);
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
        Post original = audience.of(caller.id()).target(id);
        audience.requireActive(caller);
        posts.findStandingRepost(PostRepository.repostKey(original.id(), caller.id())).ifPresent(this::undo);
        return posts.findById(original.id()).orElse(original);
    }

    /**
     * Turns a standing repost into a tombstone with its "unreposted" event, once.
     *
     * @return true if this call undid it
     */
    public boolean undo(Post repost) {
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

    /** The standing reposts of a visible post, most recent first. */
    public List<Post> reposts(String id, Long viewerId, PageRequest page) {
        Post post = audience.of(viewerId).visiblePost(id);
        return posts.repostsOf(post.id(), page);
    }

    /** As Mastodon: a repost of one's own followers-only post stays followers-only; other reposts are public. */
    private static Visibility visibilityOfRepost(Post original) {
        return original.visibility().openToAll() ? Visibility.PUBLIC : original.visibility();
    }
}
