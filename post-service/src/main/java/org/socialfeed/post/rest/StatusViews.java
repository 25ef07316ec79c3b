package org.socialfeed.post.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.account.KnownAccount;
import org.socialfeed.post.favourite.FavouriteRepository;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.RenderablePost;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;
import org.socialfeed.support.mastodon.StatusRendering;
import org.socialfeed.support.mastodon.StatusView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders posts as Mastodon Status entities with the shared {@link StatusRendering}, with the counts and the
 * viewer's flags this service keeps and authors as its account replica knows them now. A page costs a fixed number of reads whatever its size: the reposted
 * and quoted posts, the authors' current profiles, and the viewer's likes and reposts, each in one query.
 */
@ApplicationScoped
public class StatusViews {

    private final PostRepository posts;
    private final AccountReplica accounts;
    private final FavouriteRepository favourites;
    private final StatusRendering rendering;

    public StatusViews(PostRepository posts, AccountReplica accounts, FavouriteRepository favourites,
                       StatusRendering rendering) {
        this.posts = posts;
        this.accounts = accounts;
        this.favourites = favourites;
        this.rendering = rendering;
    }

    public StatusView one(Post post, Audience.Sight sight) {
        return page(List.of(post), sight).get(0);
    }

    /**
     * The view of a post its viewer has just written: nobody can have liked or reposted it yet and its author is the
     * profile read for the write, so only what it quotes is read (nothing, for most posts).
     */
    public StatusView justCreated(Post post, Audience.Sight sight) {
        return new PageReads(List.of(post), sight, true).view(post, true);
    }

    /** The view of a post as it was just deleted: with its source {@code text}, for "delete and redraft". */
    public StatusView deleted(Post post, Audience.Sight sight) {
        return new PageReads(List.of(post), sight, false).view(post, true).withText(post.text());
    }

    public List<StatusView> page(List<Post> page, Audience.Sight sight) {
        PageReads reads = new PageReads(page, sight, false);
        return page.stream().map(post -> reads.view(post, true)).toList();
    }

    /** Everything one page needs, read up front. */
    private final class PageReads {
        private final Audience.Sight sight;
        private final Map<Long, Post> related = new HashMap<>();
        private final Map<Long, KnownAccount> authors;
        private final Set<Long> liked;
        private final Set<Long> reposted;

        /** @param justCreated the page is one post its viewer has just written (see {@link #justCreated}) */
        PageReads(List<Post> page, Audience.Sight sight, boolean justCreated) {
            this.sight = sight;
            Set<Long> relatedIds = new HashSet<>();
            page.forEach(post -> addRelated(post, relatedIds));
            related.putAll(posts.findByIds(relatedIds));
            // the quotes inside reposted posts
            Set<Long> quotedByReposted = new HashSet<>();
            related.values().forEach(post -> {
                if (post.quoteId() != null && !related.containsKey(post.quoteId())) {
                    quotedByReposted.add(post.quoteId());
                }
            });
            related.putAll(posts.findByIds(quotedByReposted));
            Set<Long> authorIds = new HashSet<>();
            if (!justCreated) {
                page.forEach(post -> authorIds.add(post.authorId()));
            }
            related.values().forEach(post -> authorIds.add(post.authorId()));
            this.authors = authorIds.isEmpty() ? Map.of() : accounts.findAll(authorIds);
            Set<Long> shown = new HashSet<>();
            page.forEach(post -> shown.add(post.isRepost() ? post.reblogOfId() : post.id()));
            if (sight.viewerId() == null || justCreated) {
                liked = Set.of();
                reposted = Set.of();
            } else {
                liked = favourites.likedAmong(sight.viewerId(), shown);
                reposted = new HashSet<>(posts.repostedOriginals(sight.viewerId(), shown));
            }
        }

        private void addRelated(Post post, Collection<Long> ids) {
            if (post.reblogOfId() != null) {
                ids.add(post.reblogOfId());
            }
            if (post.quoteId() != null) {
                ids.add(post.quoteId());
            }
        }

        StatusView view(Post post, boolean withQuote) {
            if (post.isRepost()) {
                Post original = related.get(post.reblogOfId());
                StatusView reblog = original == null ? null : view(original, true);
                return reblog == null ? rendering.status(renderable(post), Interactions.counts(0, 0, 0), null)
                        : rendering.repost(post.idString(), author(post), post.createdAt(), reblog);
            }
            StatusView quote = null;
            if (withQuote && post.quoteId() != null) {
                Post quoted = related.get(post.quoteId());
                if (quoted != null && sight.canSee(quoted)) {
                    quote = view(quoted, false); // a quote inside a quote is not expanded
                }
            }
            boolean known = sight.viewerId() != null;
            return rendering.status(renderable(post), new Interactions(post.repliesCount(), post.reblogsCount(),
                    post.favouritesCount(), known ? liked.contains(post.id()) : null,
                    known ? reposted.contains(post.id()) : null), quote);
        }

        private RenderablePost renderable(Post post) {
            return new RenderablePost(post.idString(), author(post), post.content(), post.visibility(),
                    post.sensitive(), post.spoilerText(), post.language(), post.media(), post.mentions(),
                    post.hashtags(), post.createdAt(), post.editedAt(), idString(post.inReplyToId()),
                    idString(post.inReplyToAccountId()));
        }

        private AccountRef author(Post post) {
            return current(post.author(), authors);
        }
    }

    private static String idString(Long id) {
        return id == null ? null : id.toString();
    }

    /** An author as the replica knows them now, or as they were when they posted if the replica does not. */
    private static AccountRef current(AccountRef snapshot, Map<Long, KnownAccount> known) {
        KnownAccount account = known.get(Long.parseLong(snapshot.id()));
        return account == null ? snapshot : account.ref();
    }

    /** A visible post's versions as Mastodon's StatusEdit list, each by the author as the replica knows them now. */
    public List<StatusEditView> history(Post post, List<Post.Version> versions) {
        AccountView author = rendering.account(current(post.author(), accounts.findAll(List.of(post.authorId()))));
        return versions.stream()
                .map(version -> new StatusEditView(version.content(), version.spoilerText(), version.sensitive(),
                        version.at(), author, rendering.media(version.media()), List.of()))
                .toList();
    }

    /** Accounts as the replica knows them now (snapshots where it does not), suspended ones left out. */
    public List<AccountView> people(List<AccountRef> snapshots) {
        Map<Long, KnownAccount> known = accounts.findAll(snapshots.stream().map(ref -> Long.parseLong(ref.id()))
                .toList());
        return snapshots.stream()
                .filter(ref -> !known.containsKey(Long.parseLong(ref.id()))
                        || !known.get(Long.parseLong(ref.id())).suspended())
                .map(ref -> rendering.account(current(ref, known))).toList();
    }
}
