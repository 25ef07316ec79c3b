package org.socialfeed.user.follow;

import org.socialfeed.user.graph.FollowOptions;

import org.socialfeed.user.graph.RelationshipView;
import org.socialfeed.user.graph.RelationshipService;
import org.socialfeed.user.graph.FollowCounts;
import org.socialfeed.user.graph.Follow;
import org.socialfeed.user.graph.FollowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.Topics;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.problem.UnprocessableEntity;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountPage;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.AccountUnlocked;
import org.socialfeed.user.graph.BlockMuteStores;
import org.socialfeed.user.events.UserEventOutbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follow, unfollow and follow requests, all idempotent: following twice is one follow, one event, one count. A
 * locked account's followers ask first ({@code requested}); the owner authorizes (the follow starts and counts) or
 * rejects. Every change stores its event in the follow document ({@code follows.events}, key
 * {@code followerId:followeeId}) and its counter change is applied once by {@link FollowCounts}.
 */
@ApplicationScoped
public class FollowService {

    private static final int UNLOCK_BATCH = 200;

    private final AccountService accountService;
    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final FollowCounts counts;
    private final RelationshipService relationships;
    private final BlockMuteStores blockMute;
    private final UserEventOutbox events;

    public FollowService(AccountService accountService, AccountRepository accounts, FollowRepository follows,
                         FollowCounts counts, RelationshipService relationships, BlockMuteStores blockMute,
                         UserEventOutbox events) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.follows = follows;
        this.counts = counts;
        this.relationships = relationships;
        this.blockMute = blockMute;
        this.events = events;
    }

    /**
     * Follows (or asks to follow a locked account). Following again with other options changes them, and re-emits
     * {@code FollowCreated} so the latest record of the key carries them.
     */
    public RelationshipView follow(Account follower, String targetId, FollowOptions requested) {
        Account followee = accountService.get(targetId);
        if (follower.id() == followee.id()) {
            throw new UnprocessableEntity("You cannot follow yourself");
        }
        if (blockMute.blockedEitherWay(follower.id(), followee.id())) {
            throw new ForbiddenException("You cannot follow this account");
        }
        Optional<Follow> current = follows.find(follower.id(), followee.id())
                .filter(follow -> follow.accepted() || follow.requested());
        FollowOptions options = requested.resolvedAgainst(current.orElse(null));
        String key = FollowRepository.key(follower.id(), followee.id());
        if (current.isPresent()) {
            OutgoingEvent changed = current.get().accepted() ? created(follower, followee.id(), options) : null;
            if (follows.changeOptions(follower.id(), followee.id(), current.get().state(), options, changed)
                    && changed != null) {
                events.publish(follows.collection(), key, changed);
            }
        } else if (followee.locked()) {
            OutgoingEvent asked = events.event(Topics.FOLLOWS, key, FollowRequested.TYPE,
                    new FollowRequested(follower.ref(), followee.idString(), Instant.now()));
            if (follows.transition(follower.id(), followee.id(), Set.of(FollowRepository.REMOVED),
                    FollowRepository.REQUESTED, options, asked, 0).changed()) {
                events.publish(follows.collection(), key, asked);
            }
        } else {
            OutgoingEvent created = created(follower, followee.id(), options);
            FollowRepository.Change change = follows.transition(follower.id(), followee.id(),
                    Set.of(FollowRepository.REMOVED), FollowRepository.ACCEPTED, options, created, +1);
            finish(follower.id(), followee.id(), change, created);
        }
        return relationships.relationship(follower.id(), followee.id());
    }

    public RelationshipView unfollow(Account follower, String targetId) {
        Account followee = accountService.get(targetId);
        end(follower.id(), followee.id());
        return relationships.relationship(follower.id(), followee.id());
    }

    /**
     * Ends the follow or the request of {@code followerId} to {@code followeeId}, if there is one: unfollow,
     * rejection, or a block.
     */
    public void end(long followerId, long followeeId) {
        OutgoingEvent removed = events.event(Topics.FOLLOWS, FollowRepository.key(followerId, followeeId),
                FollowRemoved.TYPE, new FollowRemoved(Long.toString(followerId), Long.toString(followeeId),
                        Instant.now()));
        FollowRepository.Change change = follows.transition(followerId, followeeId, Set.of(FollowRepository.ACCEPTED),
                FollowRepository.REMOVED, null, removed, -1);
        if (!change.changed()) {
            change = follows.transition(followerId, followeeId, Set.of(FollowRepository.REQUESTED),
                    FollowRepository.REMOVED, null, removed, 0);
        }
        finish(followerId, followeeId, change, removed);
    }

    /** The owner accepts a follow request; accepting one already accepted changes nothing. */
    public RelationshipView authorize(Account owner, String requesterId) {
        long requester = AccountService.parseId(requesterId);
        Follow request = follows.find(requester, owner.id()).filter(f -> f.requested() || f.accepted())
                .orElseThrow(() -> new NotFoundException("Record not found"));
        if (request.requested()) {
            Account follower = accountService.get(requester);
            OutgoingEvent created = created(follower, owner.id(),
                    new FollowOptions(request.notifying(), request.reblogs()));
            FollowRepository.Change change = follows.transition(requester, owner.id(),
                    Set.of(FollowRepository.REQUESTED), FollowRepository.ACCEPTED, null, created, +1);
            finish(requester, owner.id(), change, created);
        }
        return relationships.relationship(owner.id(), requester);
    }

    public RelationshipView reject(Account owner, String requesterId) {
        long requester = AccountService.parseId(requesterId);
        follows.find(requester, owner.id()).filter(Follow::requested)
                .orElseThrow(() -> new NotFoundException("Record not found"));
        OutgoingEvent removed = events.event(Topics.FOLLOWS, FollowRepository.key(requester, owner.id()),
                FollowRemoved.TYPE, new FollowRemoved(Long.toString(requester), owner.idString(), Instant.now()));
        finish(requester, owner.id(), follows.transition(requester, owner.id(), Set.of(FollowRepository.REQUESTED),
                FollowRepository.REMOVED, null, removed, 0), removed);
        return relationships.relationship(owner.id(), requester);
    }

    /** An account that stops approving followers by hand accepts the requests waiting for it. */
    void acceptPendingRequests(@Observes AccountUnlocked unlocked) {
        Account owner = accounts.findById(unlocked.accountId()).orElseThrow();
        List<Follow> batch;
        do {
            batch = follows.page(FollowRepository.Side.FOLLOWERS, owner.id(), FollowRepository.REQUESTED,
                    new PageRequest(null, null, null, UNLOCK_BATCH));
            for (Follow request : batch) {
                try {
                    authorize(owner, Long.toString(request.followerId()));
                } catch (NotFoundException suspendedRequester) {
                    reject(owner, Long.toString(request.followerId()));
                }
            }
        } while (batch.size() == UNLOCK_BATCH);
    }

    /**
     * One page of an account's followers or followings, or of its follow requests, newest first. Suspended
     * accounts, and accounts the viewer blocks or is blocked by, are left out of the page (not of the cursors).
     */
    public AccountPage list(long accountId, FollowRepository.Side side, String state, PageRequest page,
                            Long viewerId) {
        List<Follow> found = follows.page(side, accountId, state, page);
        List<Long> others = found.stream().map(side::other).toList();
        Set<Long> hidden = viewerId == null ? Set.of() : blockMute.hiddenFrom(viewerId, others);
        return new AccountPage(accountService.visibleViews(others, hidden),
                found.stream().map(follow -> Long.toString(follow.seq())).toList());
    }

    private OutgoingEvent created(Account follower, long followeeId, FollowOptions options) {
        return events.event(Topics.FOLLOWS, FollowRepository.key(follower.id(), followeeId), FollowCreated.TYPE,
                new FollowCreated(follower.ref(), Long.toString(followeeId), options.notifyOfPosts(),
                        options.showReblogs(), Instant.now()));
    }

    private void finish(long followerId, long followeeId, FollowRepository.Change change, OutgoingEvent event) {
        if (change.changed()) {
            counts.apply(followerId, followeeId, change);
            events.publish(follows.collection(), FollowRepository.key(followerId, followeeId), event);
        }
    }
}
