package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostUpdated;
import org.socialfeed.events.Topics;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.events.PostEventOutbox;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.problem.Refusal;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writing, editing and deleting posts, each write stored with its events in one document. */
@ApplicationScoped
public class PostService {

    /** Tries before giving up when a fresh id clashes or a concurrent edit wins. */
    private static final int ATTEMPTS = 3;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final PostRepository posts;
    private final AccountReplica accounts;
    private final Audience audience;
    private final Composer composer;
    private final PostEventOutbox events;
    private final RepostService reposts;
    private final SnowflakeIds ids;
    private final Event<PostChange> changes;

    public PostService(PostRepository posts, AccountReplica accounts, Audience audience, Composer composer,
                       PostEventOutbox events, RepostService reposts, SnowflakeIds ids, Event<PostChange> changes) {
        this.posts = posts;
        this.accounts = accounts;
        this.audience = audience;
        this.composer = composer;
        this.events = events;
        this.reposts = reposts;
        this.ids = ids;
        this.changes = changes;
    }

    /**
     * A post {@link #create} returns: written now, or (a retry with the same idempotency key) stored earlier and
     * perhaps liked or reposted since.
     */
    public record Publication(Post post, boolean replayed) {
    }

    /**
     * Publishes a post. With an idempotency key, a retry of the same request returns the post stored the first
     * time instead of writing a second one.
     */
    public Publication create(Caller caller, CreateStatusRequest request, String idempotencyKey) {
        AccountRef author = audience.activeAuthor(caller);
        if (request == null) {
            throw new UnprocessableEntity("Validation failed: a JSON body is required");
        }
        String storedKey = idempotencyKey(caller, idempotencyKey);
        if (storedKey != null) {
            var earlier = posts.findByIdempotencyKey(storedKey);
            if (earlier.isPresent()) {
                return replay(earlier.get());
            }
        }
        Visibility visibility = visibility(request.visibility());
        Post parent = referenced(caller, request.inReplyToId(), "in_reply_to_id");
        Post quoted = referenced(caller, request.quoteId(), "quote_id");
        if (quoted != null) {
            audience.requireMaySpread(caller, quoted, "quoted");
        }
        Composer.Composition body = composer.compose(request.status(), request.spoilerText(), request.sensitive(),
                request.language(), request.mediaAttachments());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = new Post(ids.next(), author, body.text(), body.content(), visibility,
                    parent == null ? null : parent.id(), parent == null ? null : parent.authorId(),
                    quoted == null ? null : quoted.id(), null, body.mentions(), body.hashtags(), body.media(),
                    body.spoilerText(), body.sensitive(), body.language(), now, null, 0, false, 0, 0, 0);
            List<OutgoingEvent> created = creationEvents(post, parent);
            switch (posts.insert(post, storedKey, null, created)) {
                case NONE -> {
                    if (parent != null) {
                        posts.increment(parent.id(), PostRepository.REPLIES, +1);
                    }
                    events.publish(posts.collection(), post.id(), created);
                    changes.fire(new PostChange.Published(post));
                    return new Publication(post, false);
                }
                case IDEMPOTENCY_KEY -> {
                    return replay(posts.findByIdempotencyKey(storedKey).orElseThrow());
                }
                default -> {
                    // the id clashed with another instance's: draw a new one
                }
            }
        }
        throw new IllegalStateException("No free post id after " + ATTEMPTS + " attempts");
    }

    public Post get(String id, Long viewerId) {
        return audience.of(viewerId).visiblePost(id);
    }

    /** The posts among these ids the viewer may see, in the order asked; ids that name no post are left out. */
    public List<Post> visibleAmong(Collection<Long> ids, Audience.Sight sight) {
        Map<Long, Post> found = posts.findByIds(ids);
        return sight.visibleOnly(ids.stream().filter(found::containsKey).map(found::get).toList());
    }

    /** Replaces the text (and media, if given) of the caller's own post, keeping the old version in its history. */
    public Post edit(Caller caller, String id, EditStatusRequest request) {
        audience.requireActive(caller);
        if (request == null) {
            throw new UnprocessableEntity("Validation failed: a JSON body is required");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = own(caller, id, "edit");
            if (post.isRepost()) {
                throw new UnprocessableEntity("A repost cannot be edited");
            }
            Composer.Composition given = composer.compose(request.status(), request.spoilerText(),
                    request.sensitive(), request.language(), request.mediaAttachments());
            Composer.Composition body = given.keeping(
                    request.mediaAttachments() == null ? post.media() : given.media(), post.language());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Post edited = new Post(post.id(), author(caller), body.text(), body.content(), post.visibility(),
                    post.inReplyToId(), post.inReplyToAccountId(), post.quoteId(), null, body.mentions(),
                    body.hashtags(), body.media(), body.spoilerText(), body.sensitive(), body.language(),
                    post.createdAt(), now, post.version() + 1, false,
                    post.favouritesCount(), post.reblogsCount(), post.repliesCount());
            OutgoingEvent updated = events.event(Topics.POSTS, post.author().id(), PostUpdated.TYPE,
                    new PostUpdated(post.idString(), edited.author(), edited.text(), edited.content(),
                            edited.visibility(), edited.mentions(), edited.hashtags(), edited.media(),
                            edited.createdAt(), now, edited.spoilerText(), edited.sensitive(), edited.language()));
            if (posts.edit(edited, post.currentVersion(), post.version(), updated)) {
                events.publish(posts.collection(), post.id(), updated);
                return posts.findById(post.id()).orElseThrow();
            }
        }
        throw Refusal.conflict("The post was edited concurrently; retry");
    }

    /** The caller's own post, to read its source text (Mastodon's GET /api/v1/statuses/:id/source). */
    public Post source(Caller caller, String id) {
        return own(caller, id, "read the source of");
    }

    /** A post only its author may act on: 404 if the caller cannot see it, 403 if it is someone else's. */
    private Post own(Caller caller, String id, String action) {
        Post post = get(id, caller.id());
        if (post.authorId() != caller.id()) {
            throw Refusal.notAllowed("Only the author can " + action + " a post");
        }
        return post;
    }

    /** Every version of a visible post, oldest first, the current one last (Mastodon's StatusEdit list). */
    public List<Post.Version> history(String id, Long viewerId) {
        Post post = get(id, viewerId);
        List<Post.Version> versions = new ArrayList<>(posts.history(post.id()));
        versions.add(post.currentVersion());
        return versions;
    }

    /**
     * Deletes a post (its author, or an admin): it becomes a tombstone whose deletion event takes it out of every
     * timeline, and the reposts of it are undone. Deleting a repost undoes the repost.
     *
     * @return the post as it was, with its source text
     */
    public Post delete(Caller caller, String id) {
        Post post = posts.findById(PostId.parse(id)).filter(found -> !found.deleted()).orElseThrow(PostId::notFound);
        if (post.authorId() != caller.id() && !caller.admin()) {
            if (!audience.of(caller.id()).canSee(post)) {
                throw PostId.notFound();
            }
            throw Refusal.notAllowed("Only the author or an admin can delete a post");
        }
        if (post.isRepost()) {
            reposts.undo(post);
            return post;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutgoingEvent deleted = events.event(Topics.POSTS, post.author().id(), PostDeleted.TYPE,
                new PostDeleted(post.idString(), post.author().id(), now));
        if (posts.markDeleted(post.id(), now, List.of(deleted))) {
            if (post.inReplyToId() != null) {
                posts.increment(post.inReplyToId(), PostRepository.REPLIES, -1);
            }
            events.publish(posts.collection(), post.id(), deleted);
            posts.findByIds(posts.allRepostIds(post.id())).values().forEach(reposts::undo);
            changes.fire(new PostChange.Deleted(post));
        }
        return post;
    }

    private AccountRef author(Caller caller) {
        return accounts.refOf(caller.id(), caller.username());
    }

    private List<OutgoingEvent> creationEvents(Post post, Post parent) {
        List<OutgoingEvent> created = new ArrayList<>();
        created.add(events.event(Topics.POSTS, post.author().id(), PostCreated.TYPE,
                new PostCreated(post.idString(), post.author(), post.text(), post.content(), post.visibility(),
                        parent == null ? null : parent.idString(), parent == null ? null : parent.author().id(),
                        post.quoteId() == null ? null : post.quoteId().toString(), post.mentions(), post.hashtags(),
                        post.media(), post.createdAt(), post.spoilerText(), post.sensitive(), post.language())));
        // a direct reply reaches only the accounts it mentions, as mentions: the author replied to is told only if
        // mentioned
        if (parent != null && post.visibility() != Visibility.DIRECT) {
            created.add(events.event(Topics.INTERACTIONS, parent.idString(), PostReplied.TYPE,
                    new PostReplied(post.idString(), post.author(), parent.idString(), parent.author().id(),
                            post.createdAt())));
        }
        return created;
    }

    /** The post a new one replies to or quotes; a repost stands for its original, as in Mastodon. */
    private Post referenced(Caller caller, String id, String field) {
        if (id == null || id.isBlank()) {
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new UnprocessableEntity("Validation failed: " + field + " must be a post id");
        }
        Post post = audience.of(caller.id()).targetOf(parsed).orElseThrow(() ->
                new UnprocessableEntity("Validation failed: " + field + " names no post you can see"));
        audience.requireNoBlock(caller, post); // the caller's suspension was checked with the author
        return post;
    }

    private static Publication replay(Post earlier) {
        if (earlier.deleted()) {
            throw new UnprocessableEntity("The post created with this Idempotency-Key has been deleted");
        }
        return new Publication(earlier, true);
    }

    private static String idempotencyKey(Caller caller, String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new UnprocessableEntity("Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return caller.id() + ":" + key;
    }

    private static Visibility visibility(String value) {
        if (value == null || value.isBlank()) {
            return Visibility.PUBLIC;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "public" -> Visibility.PUBLIC;
            case "unlisted" -> Visibility.UNLISTED;
            case "private" -> Visibility.PRIVATE;
            case "direct" -> Visibility.DIRECT;
            default -> throw new UnprocessableEntity(
                    "Validation failed: visibility must be public, unlisted, private or direct");
        };
    }
}
