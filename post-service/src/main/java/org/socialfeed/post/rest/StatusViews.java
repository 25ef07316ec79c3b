package org.socialfeed.post.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.account.KnownAccount;
import org.socialfeed.post.config.PostConfig;
import org.socialfeed.post.favourite.FavouriteRepository;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.post.status.text.ContentRenderer;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders posts as Mastodon Status entities. A page costs a fixed number of reads whatever its size: the reposted
 * and quoted posts, the authors' current profiles, and the viewer's likes and reposts, each in one query.
 */
@ApplicationScoped
public class StatusViews {

    private final PostRepository posts;
    private final AccountReplica accounts;
    private final FavouriteRepository favourites;
    private final ContentRenderer links;

    public StatusViews(PostRepository posts, AccountReplica accounts, FavouriteRepository favourites,
                       PostConfig config) {
        this.posts = posts;
        this.accounts = accounts;
        this.favourites = favourites;
        this.links = new ContentRenderer(config.publicUrl());
    }

    public StatusView one(Post post, Audience.Sight sight) {
        return page(List.of(post), sight).get(0);
    }

    /** The view of a post as it was just deleted: with its source {@code text}, for "delete and redraft". */
    public StatusView deleted(Post post, Audience.Sight sight) {
        return new Rendering(List.of(post), sight).view(post, true, true);
    }

    public List<StatusView> page(List<Post> page, Audience.Sight sight) {
        Rendering rendering = new Rendering(page, sight);
        return page.stream().map(post -> rendering.view(post, true, false)).toList();
    }

    /** An author as the replica knows them now, or as they were when they posted if the replica does not. */
    private static AccountView account(AccountRef snapshot, Map<Long, KnownAccount> current) {
        KnownAccount known = current.get(Long.parseLong(snapshot.id()));
        return AccountView.summary(known == null ? snapshot : known.ref());
    }

    /** Everything one page needs, read up front. */
    private final class Rendering {
        private final Audience.Sight sight;
        private final Map<Long, Post> related = new HashMap<>();
        private final Map<Long, KnownAccount> authors;
        private final Set<Long> liked;
        private final Set<Long> reposted;

        Rendering(List<Post> page, Audience.Sight sight) {
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
            page.forEach(post -> authorIds.add(post.authorId()));
            related.values().forEach(post -> authorIds.add(post.authorId()));
            this.authors = accounts.findAll(authorIds);
            Set<Long> shown = new HashSet<>();
            page.forEach(post -> shown.add(post.isRepost() ? post.reblogOfId() : post.id()));
            if (sight.viewerId() == null) {
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

        StatusView view(Post post, boolean withQuote, boolean withSource) {
            StatusView reblog = null;
            Post shown = post;
            if (post.isRepost()) {
                Post original = related.get(post.reblogOfId());
                reblog = original == null ? null : view(original, true, false);
                shown = original == null ? post : original;
            }
            StatusView quote = null;
            if (withQuote && !post.isRepost() && post.quoteId() != null) {
                Post quoted = related.get(post.quoteId());
                if (quoted != null && sight.canSee(quoted)) {
                    quote = view(quoted, false, false); // a quote inside a quote is not expanded
                }
            }
            Boolean favourited = sight.viewerId() == null ? null : liked.contains(shown.id());
            Boolean reblogged = sight.viewerId() == null ? null : reposted.contains(shown.id());
            boolean repost = post.isRepost();
            return new StatusView(post.idString(),
                    links.statusUri(post.author().username(), post.id()),
                    links.statusUrl(post.author().username(), post.id()),
                    post.createdAt(), post.editedAt(),
                    account(post.author(), authors),
                    repost ? "" : post.content(),
                    withSource ? post.text() : null,
                    StatusView.visibility(post.visibility()), post.sensitive(), post.spoilerText(),
                    post.media().stream().map(StatusViews::media).toList(),
                    post.mentions().stream().map(this::mention).toList(),
                    post.hashtags().stream().map(tag -> new StatusView.TagView(tag, links.tagUrl(tag))).toList(),
                    List.of(),
                    repost ? 0 : post.reblogsCount(), repost ? 0 : post.favouritesCount(),
                    repost ? 0 : post.repliesCount(),
                    post.inReplyToId() == null ? null : post.inReplyToId().toString(),
                    post.inReplyToAccountId() == null ? null : post.inReplyToAccountId().toString(),
                    reblog, quote, post.language(), favourited, reblogged);
        }

        private StatusView.MentionView mention(AccountRef account) {
            return new StatusView.MentionView(account.id(), account.username(), account.username(),
                    links.profileUrl(account.username()));
        }
    }

    static StatusView.MediaAttachmentView media(MediaRef media) {
        return new StatusView.MediaAttachmentView(media.id(), media.type(), media.url(), media.url(),
                media.description());
    }

    /** A visible post's versions as Mastodon's StatusEdit list, each by the author as the replica knows them now. */
    public List<StatusEditView> history(Post post, List<Post.Version> versions) {
        AccountView author = account(post.author(), accounts.findAll(List.of(post.authorId())));
        return versions.stream()
                .map(version -> new StatusEditView(version.content(), version.spoilerText(), version.sensitive(),
                        version.at(), author,
                        version.media().stream().map(StatusViews::media).toList(), List.of()))
                .toList();
    }

    /** Accounts as the replica knows them now (snapshots where it does not), suspended ones left out. */
    public List<AccountView> people(List<AccountRef> snapshots) {
        Map<Long, KnownAccount> known = accounts.findAll(snapshots.stream().map(ref -> Long.parseLong(ref.id()))
                .toList());
        return snapshots.stream()
                .filter(ref -> !known.containsKey(Long.parseLong(ref.id()))
                        || !known.get(Long.parseLong(ref.id())).suspended())
                .map(ref -> account(ref, known)).toList();
    }
}
