package org.socialfeed.feed.policy;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostView;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.stream.Collectors.toUnmodifiableSet;

/**
 * What {@link HomePolicy} needs to know about a timeline entry: a post, or a repost with the facts of its original.
 *
 * @param authorId           who posted it, or who reposted it for a repost
 * @param visibility         the post's, or the original's for a repost
 * @param inReplyToAccountId the account replied to; null if not a reply (a repost never is one)
 * @param mentionIds         the accounts the post mentions, or the original mentions for a repost
 * @param reblogOfAuthorId   the original's author for a repost, else null
 */
public record HomeEntry(String authorId, Visibility visibility, String inReplyToAccountId, Set<String> mentionIds,
                        String reblogOfAuthorId) {

    /**
     * @param original the reposted post when {@code entry} is a repost and it is at hand, else null (its mentions are
     *                 then unknown; everything else comes with the repost)
     */
    public static HomeEntry of(CachedPost entry, CachedPost original) {
        if (!entry.isRepost()) {
            return new HomeEntry(entry.authorId(), entry.visibility(), entry.inReplyToAccountId(),
                    idsOf(entry.mentions()), null);
        }
        return new HomeEntry(entry.authorId(), entry.visibility(), null,
                original == null ? Set.of() : idsOf(original.mentions()), entry.reblogOfAuthorId());
    }

    /**
     * The facts of a post's view; {@code original} is the reposted post's view when {@code entry} is a repost and it
     * is at hand, else null (as for {@link #of(CachedPost, CachedPost)}).
     */
    public static HomeEntry of(PostView entry, PostView original) {
        if (!entry.isRepost()) {
            return new HomeEntry(entry.authorId(), entry.visibility(), entry.inReplyToAccountId(), entry.mentionIds(),
                    null);
        }
        return new HomeEntry(entry.authorId(), entry.visibility(), null,
                original == null ? Set.of() : original.mentionIds(), entry.reblogOfAuthorId());
    }

    /** The facts of an entry whose original, if it is a repost, is looked up among {@code originals} by id. */
    public static HomeEntry of(CachedPost entry, Map<String, CachedPost> originals) {
        return of(entry, entry.isRepost() ? originals.get(entry.reblogOfId()) : null);
    }

    private static Set<String> idsOf(List<AccountRef> accounts) {
        return accounts == null ? Set.of() : accounts.stream().map(AccountRef::id).collect(toUnmodifiableSet());
    }

    public boolean isRepost() {
        return reblogOfAuthorId != null;
    }

    /** A reply to someone else; a reply to oneself continues a thread and counts as a post. */
    public boolean isReplyToOther() {
        return inReplyToAccountId != null && !inReplyToAccountId.equals(authorId);
    }

    /** Whose followers a followers-only entry is for: the original's author for a repost. */
    public String ownerId() {
        return isRepost() ? reblogOfAuthorId : authorId;
    }

    /** Every account the entry involves; a reader's blocks and mutes of these are what the policy looks at. */
    public Set<String> accounts() {
        Set<String> accounts = new LinkedHashSet<>(followChecks());
        if (isRepost()) {
            accounts.add(reblogOfAuthorId);
        }
        accounts.addAll(mentionIds);
        return accounts;
    }

    /** The accounts whose follow by the reader the policy asks about. */
    public Set<String> followChecks() {
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add(authorId);
        if (isReplyToOther()) {
            accounts.add(inReplyToAccountId);
        }
        if (visibility == Visibility.PRIVATE) {
            accounts.add(ownerId());
        }
        return accounts;
    }
}
