package org.socialfeed.feed.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.account.SuspendedAccounts;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether an entry may be in a reader's home timeline: the one place that decides it, asked by fan-out, follow
 * backfill, timeline rebuilds, the celebrity merge and every read. Mastodon's {@code FeedManager#filter_from_home?},
 * plus the home timeline's own premise (followed accounts only) and suspensions. A pure function of the facts in
 * {@link HomeEntry} and {@link Reader}; the callers load those in batches.
 */
@ApplicationScoped
public class HomePolicy {

    private final Predicate<String> suspended;

    @Inject
    public HomePolicy(SuspendedAccounts suspended) {
        this((Predicate<String>) suspended::isSuspended);
    }

    public HomePolicy(Predicate<String> suspended) {
        this.suspended = suspended;
    }

    public boolean admits(HomeEntry entry, Reader reader) {
        if (suspended.test(entry.authorId()) || (entry.isRepost() && suspended.test(entry.reblogOfAuthorId()))) {
            return false;
        }
        if (entry.authorId().equals(reader.id())) {
            return true; // one's own posts and reposts
        }
        if (!reader.following().contains(entry.authorId()) || shuns(reader, entry.authorId())
                || (entry.isRepost() && shuns(reader, entry.reblogOfAuthorId()))) {
            return false;
        }
        if (entry.mentionIds().stream().anyMatch(id -> blocksOrMutes(reader, id))) {
            return false;
        }
        boolean visible = switch (entry.visibility()) {
            case PUBLIC, UNLISTED -> true; // unlisted stays off public timelines, not off home timelines
            case PRIVATE -> isOrFollows(reader, entry.ownerId());
            // Mastodon's deliver_to_mentioned_followers!: only the followers it mentions (rule 3 asked the follow)
            case DIRECT -> entry.mentionIds().contains(reader.id());
        };
        if (!visible) {
            return false;
        }
        if (entry.isReplyToOther()) {
            return isOrFollows(reader, entry.inReplyToAccountId());
        }
        if (entry.isRepost()) {
            return !reader.id().equals(entry.reblogOfAuthorId()) // a repost of the reader's own post
                    && !reader.hidingRepostsOf().contains(entry.authorId());
        }
        return true;
    }

    /**
     * Whether a post by an account the reader does not follow may be suggested in their ranked home timeline because
     * accounts they follow liked or reposted it (ADR 21): public originals only (no reposts, nothing unlisted,
     * followers-only or direct), judged by every other rule as if the reader followed the author: suspensions,
     * blocks and mutes of the author and of the accounts it mentions, replies to accounts the reader does not follow.
     */
    public boolean admitsSuggestion(HomeEntry entry, Reader reader) {
        if (entry.isRepost() || entry.visibility() != Visibility.PUBLIC) {
            return false;
        }
        Set<String> following = new HashSet<>(reader.following());
        following.add(entry.authorId());
        return admits(entry, reader.withFollows(following, reader.hidingRepostsOf()));
    }

    /**
     * Whether nothing by or reposting this account may reach the reader; lets the celebrity merge skip reading a
     * celebrity's posts at all.
     */
    public boolean excludesAuthor(String accountId, Reader reader) {
        return suspended.test(accountId) || (!accountId.equals(reader.id()) && shuns(reader, accountId));
    }

    /** The reader muted or blocked the account, or was blocked by it. */
    private static boolean shuns(Reader reader, String accountId) {
        return blocksOrMutes(reader, accountId) || reader.blockedBy().contains(accountId);
    }

    private static boolean blocksOrMutes(Reader reader, String accountId) {
        return reader.blocking().contains(accountId) || reader.muting().contains(accountId);
    }

    private static boolean isOrFollows(Reader reader, String accountId) {
        return reader.id().equals(accountId) || reader.following().contains(accountId);
    }
}
