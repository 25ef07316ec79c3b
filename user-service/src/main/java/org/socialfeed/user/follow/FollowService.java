package org.socialfeed.user.follow;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.Topics;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.problem.UnprocessableEntity;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.events.UserEventOutbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Follow and unfollow, both idempotent: following twice is one follow, one event, one count. */
@ApplicationScoped
public class FollowService {

    private final AccountService accountService;
    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final UserEventOutbox events;

    public FollowService(AccountService accountService, AccountRepository accounts, FollowRepository follows,
                         UserEventOutbox events) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.follows = follows;
        this.events = events;
    }

    public RelationshipView follow(String callerId, String targetId) {
        Account follower = accountService.get(callerId);
        Account followee = accountService.get(targetId);
        if (follower.id() == followee.id()) {
            throw new UnprocessableEntity("You cannot follow yourself");
        }
        OutgoingEvent created = events.event(Topics.FOLLOWS, FollowRepository.key(follower.id(), followee.id()),
                FollowCreated.TYPE, new FollowCreated(follower.ref(), followee.idString(), false, true, Instant.now()));
        if (follows.transition(follower.id(), followee.id(), FollowRepository.ACCEPTED, created)) {
            accounts.adjustFollowCounts(follower.id(), followee.id(), +1);
            events.publish(follows.collection(), FollowRepository.key(follower.id(), followee.id()), created);
        }
        return relationships(follower.id(), List.of(followee.id())).get(0);
    }

    public RelationshipView unfollow(String callerId, String targetId) {
        Account follower = accountService.get(callerId);
        Account followee = accountService.get(targetId);
        String key = FollowRepository.key(follower.id(), followee.id());
        OutgoingEvent removed = events.event(Topics.FOLLOWS, key, FollowRemoved.TYPE,
                new FollowRemoved(follower.idString(), followee.idString(), Instant.now()));
        if (follows.transition(follower.id(), followee.id(), FollowRepository.REMOVED, removed)) {
            accounts.adjustFollowCounts(follower.id(), followee.id(), -1);
            events.publish(follows.collection(), key, removed);
        }
        return relationships(follower.id(), List.of(followee.id())).get(0);
    }

    /** The caller's relationship to each account, in the order asked; unknown ids are left out. */
    public List<RelationshipView> relationships(long callerId, List<Long> targetIds) {
        Set<Long> targets = new LinkedHashSet<>(targetIds);
        List<String> keys = new ArrayList<>();
        for (long target : targets) {
            keys.add(FollowRepository.key(callerId, target));
            keys.add(FollowRepository.key(target, callerId));
        }
        Map<String, String> states = follows.states(keys);
        Set<Long> existing = new LinkedHashSet<>();
        accounts.findByIds(targets).forEach(account -> existing.add(account.id()));
        List<RelationshipView> views = new ArrayList<>();
        for (long target : targets) {
            if (existing.contains(target)) {
                views.add(RelationshipView.of(Long.toString(target),
                        FollowRepository.ACCEPTED.equals(states.get(FollowRepository.key(callerId, target))),
                        FollowRepository.ACCEPTED.equals(states.get(FollowRepository.key(target, callerId)))));
            }
        }
        return views;
    }
}
