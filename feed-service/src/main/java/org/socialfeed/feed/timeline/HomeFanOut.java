package org.socialfeed.feed.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostReposted;
import org.socialfeed.feed.account.SuspendedAccounts;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.graph.Celebrities;
import org.socialfeed.feed.graph.Follow;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostCache;
import org.socialfeed.feed.post.PostStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toSet;

/**
 * The home feed algorithm, write side: what enters and leaves whose timeline when something happens.
 * <ul>
 *   <li>A post or repost goes to the author and to each follower {@link HomePolicy} admits (fan-out on write).</li>
 *   <li>Authors with more than {@code celebrity-threshold} followers are not fanned out: their posts wait in their
 *   recent list and {@link HomeReader} merges them in at read time.</li>
 *   <li>Only active readers' timelines are written; others are rebuilt on their next read.</li>
 *   <li>A repost enters a timeline once per original ({@link TimelineStore#insertRepost}).</li>
 *   <li>Deletes, unfollows, blocks and mutes take entries out again.</li>
 * </ul>
 * Every step is idempotent, so an event applied twice (a redelivery, or a replay after a Redis flush) leaves the
 * timelines as if applied once. During a replay ({@code replay} true) only the replica, the post cache and the
 * recent lists are restored; timelines are rebuilt lazily by {@link TimelineRebuilder}. What a post, repost or
 * delete changed comes back as {@link TimelineChanges}, for the caller to tell the live streams.
 */
@ApplicationScoped
public class HomeFanOut {

    private final FeedConfig config;
    private final FollowGraph graph;
    private final PostCache posts;
    private final PostStats stats;
    private final AuthorPosts recent;
    private final TimelineStore timelines;
    private final ActiveReaders readers;
    private final SuspendedAccounts suspended;
    private final ReaderRelations relations;
    private final HomePolicy policy;
    private final Celebrities celebrities;

    public HomeFanOut(FeedConfig config, FollowGraph graph, PostCache posts, PostStats stats, AuthorPosts recent,
                    TimelineStore timelines, ActiveReaders readers, SuspendedAccounts suspended,
                    ReaderRelations relations, HomePolicy policy, Celebrities celebrities) {
        this.config = config;
        this.graph = graph;
        this.posts = posts;
        this.stats = stats;
        this.recent = recent;
        this.timelines = timelines;
        this.readers = readers;
        this.suspended = suspended;
        this.relations = relations;
        this.policy = policy;
        this.celebrities = celebrities;
    }

    // ---- posts ----

    /**
     * A run of new posts, applied together: each step is one round trip for the whole run (celebrity checks, the
     * tombstone checks and the cache writes, the authors' recent lists, the followers and how they relate to each
     * post, who of them is active, the timeline inserts), so a busy topic costs round trips per batch, not per post.
     */
    public TimelineChanges postsCreated(List<PostCreated> events, boolean replay) {
        TimelineChanges changes = new TimelineChanges();
        Set<String> authors = events.stream().map(event -> event.author().id()).collect(toCollection(
                LinkedHashSet::new));
        celebrities.promoteIfFollowedEnough(authors);
        Set<String> merged = celebrities.among(authors);
        List<CachedPost> stored = posts.storeAll(events.stream()
                .map(event -> CachedPost.of(event, !merged.contains(event.author().id()))).toList());
        stored.stream().filter(post -> post.inReplyToId() != null)
                .forEach(post -> stats.reply(post.id(), post.inReplyToId(), true));
        recent.addAll(stored);
        if (replay) {
            return changes;
        }
        List<HomeEntry> entries = stored.stream().map(post -> HomeEntry.of(post, Map.of())).toList();
        List<Set<String>> audiences = audiences(entries, merged);
        Set<String> active = new HashSet<>(readers.activeAmong(audiences.stream().flatMap(Set::stream)
                .collect(toSet())));
        Map<String, List<String>> receivers = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            receivers.put(stored.get(i).id(), audiences.get(i).stream().filter(active::contains).toList());
        }
        timelines.insert(receivers);
        receivers.forEach((postId, readerIds) -> changes.added(readerIds, postId));
        stored.stream().filter(post -> !post.fannedOut()).forEach(post -> changes.merged(post.authorId(), post.id()));
        return changes;
    }

    public TimelineChanges postUpdated(org.socialfeed.events.PostUpdated event, boolean replay) {
        TimelineChanges changes = new TimelineChanges();
        posts.get(event.postId()).ifPresent(post -> {
            posts.store(post.edited(event));
            if (!replay) {
                changes.edited(post.authorId(), post.id());
            }
        });
        return changes;
    }

    public TimelineChanges postDeleted(String postId, String authorId) {
        TimelineChanges changes = new TimelineChanges();
        CachedPost post = posts.get(postId).orElse(null);
        posts.remove(postId);
        recent.remove(authorId, postId);
        if (post != null && post.inReplyToId() != null) {
            stats.reply(postId, post.inReplyToId(), false);
        }
        removeEverywhere(authorId, postId, post == null || post.fannedOut(), changes);
        for (String repostId : posts.repostsOf(postId)) {
            posts.get(repostId).ifPresent(repost -> undoRepost(repost.authorId(), repostId, repost, postId, changes));
        }
        posts.forgetReposts(postId);
        return changes;
    }

    // ---- reposts and likes ----

    public TimelineChanges reposted(PostReposted event, boolean replay) {
        TimelineChanges changes = new TimelineChanges();
        String actorId = event.actor().id();
        stats.repost(actorId, event.postId(), event.reposted());
        if (!event.reposted()) {
            undoRepost(actorId, event.repostId(), posts.get(event.repostId()).orElse(null), event.postId(), changes);
            return changes;
        }
        if (posts.isGone(event.postId())) {
            return changes;
        }
        boolean ownPost = actorId.equals(event.postAuthorId());
        if (!event.postVisibility().openToAll() && !ownPost) {
            return changes; // followers-only and direct posts cannot be reposted to another audience
        }
        celebrities.promoteIfFollowedEnough(List.of(actorId));
        boolean celebrity = celebrities.isCelebrity(actorId);
        CachedPost repost = CachedPost.of(event, !celebrity);
        if (!posts.store(repost)) {
            return changes;
        }
        posts.addRepost(event.postId(), event.repostId());
        recent.addAll(List.of(repost));
        if (replay) {
            return changes;
        }
        HomeEntry entry = HomeEntry.of(repost, posts.get(event.postId()).orElse(null));
        List<String> receivers = timelines.insertRepost(readers.activeAmong(audience(entry, celebrity)),
                event.repostId(), event.postId());
        changes.added(receivers, event.repostId());
        if (celebrity) {
            changes.merged(actorId, event.repostId());
        }
        return changes;
    }

    /**
     * Who gets an entry by fan-out: its author and, unless the author is merged at read time, each follower the
     * policy admits.
     */
    private Set<String> audience(HomeEntry entry, boolean celebrity) {
        return audiences(List.of(entry), celebrity ? Set.of(entry.authorId()) : Set.of()).get(0);
    }

    /** The audience of each entry, the followers of all of them read together; {@code merged}: celebrities. */
    private List<Set<String>> audiences(List<HomeEntry> entries, Set<String> merged) {
        List<HomeEntry> fannedOut = entries.stream().filter(entry -> !merged.contains(entry.authorId())).toList();
        Iterator<List<Reader>> followers = graph.followersOf(fannedOut).iterator();
        List<Set<String>> audiences = new ArrayList<>(entries.size());
        for (HomeEntry entry : entries) {
            List<Reader> candidates = new ArrayList<>();
            candidates.add(Reader.author(entry.authorId()));
            if (!merged.contains(entry.authorId())) {
                candidates.addAll(followers.next());
            }
            audiences.add(candidates.stream().filter(reader -> policy.admits(entry, reader)).map(Reader::id)
                    .collect(toCollection(LinkedHashSet::new)));
        }
        return audiences;
    }

    public void liked(String actorId, String postId, boolean liked) {
        stats.like(actorId, postId, liked);
    }

    /** @param repost the cached repost, read once by the caller; null if the cache no longer has it */
    private void undoRepost(String actorId, String repostId, CachedPost repost, String originalId,
                            TimelineChanges changes) {
        posts.remove(repostId);
        recent.remove(actorId, repostId);
        posts.removeRepost(originalId, repostId);
        removeEverywhere(actorId, repostId, repost == null || repost.fannedOut(), changes);
    }

    /** Takes an entry out of the author's timeline and, if it was fanned out, out of every follower's. */
    private void removeEverywhere(String authorId, String entryId, boolean fannedOut, TimelineChanges changes) {
        Set<String> holders = new HashSet<>();
        holders.add(authorId);
        if (fannedOut) {
            holders.addAll(graph.followers(authorId));
        }
        timelines.remove(holders, entryId);
        changes.removed(authorId, entryId);
    }

    // ---- the social graph ----

    /**
     * Records follows (a run of them, in order) and backfills each active follower's timeline with the followee's
     * recent entries. The replica writes go in one pipeline and the celebrity and reader checks in two round trips,
     * so a burst of follows costs a few round trips rather than several per follow.
     */
    public void followed(List<Follow> follows, boolean replay) {
        graph.followAll(follows);
        Set<String> followees = follows.stream().map(Follow::followeeId).collect(toSet());
        celebrities.promoteIfFollowedEnough(followees);
        Set<String> merged = celebrities.recordFollows(follows);
        if (replay) {
            return;
        }
        Set<String> active = new HashSet<>(readers.activeAmong(follows.stream().map(Follow::followerId)
                .collect(toCollection(LinkedHashSet::new))));
        Map<String, List<CachedPost>> recentByFollowee = new HashMap<>();
        for (Follow follow : follows) {
            // celebrities are merged at read time; an inactive reader's timeline is rebuilt on return
            if (!merged.contains(follow.followeeId()) && active.contains(follow.followerId())) {
                List<CachedPost> entries = recentByFollowee.computeIfAbsent(follow.followeeId(), this::recentEntries);
                backfill(follow.followerId(), entries);
            }
        }
    }

    /** The author's newest entries still in the post cache, newest first. */
    private List<CachedPost> recentEntries(String authorId) {
        List<String> latest = recent.latest(authorId, config.backfillSize());
        Map<String, CachedPost> found = posts.getAll(latest);
        return latest.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** Copies the followee's recent posts and reposts that the policy admits into the new follower's timeline. */
    private void backfill(String followerId, List<CachedPost> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, CachedPost> originals = posts.originalsOf(entries);
        List<HomeEntry> facts = entries.stream().map(entry -> HomeEntry.of(entry, originals)).toList();
        Reader reader = relations.load(followerId, facts);
        List<String> admittedPosts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            CachedPost entry = entries.get(i);
            if (!policy.admits(facts.get(i), reader)) {
                continue;
            }
            if (entry.isRepost()) {
                timelines.insertRepost(List.of(followerId), entry.id(), entry.reblogOfId()); // de-duplicated
            } else {
                admittedPosts.add(entry.id());
            }
        }
        timelines.insertAll(followerId, admittedPosts);
    }

    public void unfollowed(String followerId, String followeeId, boolean replay) {
        graph.unfollow(followerId, followeeId);
        if (!replay) {
            purge(followerId, entry -> entry.authorId().equals(followeeId));
        }
    }

    public void blockChanged(String blockerId, String blockedId, boolean blocking, boolean replay) {
        graph.block(blockerId, blockedId, blocking);
        if (blocking && !replay) {
            purgeInvolving(blockerId, blockedId);
            purgeInvolving(blockedId, blockerId);
        }
    }

    public void muteChanged(String muterId, String mutedId, boolean muting, boolean replay) {
        graph.mute(muterId, mutedId, muting);
        if (muting && !replay) {
            purgeInvolving(muterId, mutedId);
        }
    }

    public void suspensionChanged(String userId, boolean isSuspended) {
        suspended.set(userId, isSuspended);
    }

    /** Removes from a timeline everything by {@code accountId} or reposting {@code accountId}. */
    private void purgeInvolving(String userId, String accountId) {
        purge(userId, entry -> entry.involves(accountId));
    }

    private void purge(String userId, Predicate<CachedPost> unwanted) {
        List<String> entries = timelines.all(userId);
        if (entries.isEmpty()) {
            return;
        }
        Collection<CachedPost> cached = posts.getAll(entries).values();
        String[] doomed = cached.stream().filter(unwanted).map(CachedPost::id).toArray(String[]::new);
        if (doomed.length > 0) {
            timelines.remove(List.of(userId), doomed);
        }
    }
}
