package org.socialfeed.user.block;

import org.socialfeed.user.graph.SwitchStore;
import org.socialfeed.user.graph.BlockMuteStores;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.Topics;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.problem.UnprocessableEntity;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.config.UserServiceConfig;
import org.socialfeed.user.events.UserEventOutbox;
import org.socialfeed.user.follow.FollowService;
import org.socialfeed.user.graph.RelationshipService;
import org.socialfeed.user.graph.RelationshipView;

import java.time.Duration;
import java.time.Instant;

/**
 * Blocks and mutes, idempotent. A block ends the follows (and requests) both ways, each with its
 * {@code FollowRemoved}, and forbids new ones; other services hide the two accounts from each other on
 * {@code BlockChanged}. A mute only tells the muter's own feed and notifications to hide the muted account
 * ({@code MuteChanged}); the muted account is told nothing.
 */
@ApplicationScoped
public class BlockService {

    /** Written with a block, removed once the follows both ways have ended: the repair job finishes what a crash left. */
    static final String SEVER_PENDING = "severPending";
    private static final Logger LOG = Logger.getLogger(BlockService.class);
    private static final int REPAIR_BATCH = 200;

    private final AccountService accounts;
    private final BlockMuteStores stores;
    private final FollowService follows;
    private final RelationshipService relationships;
    private final UserEventOutbox events;
    private final Duration repairAfter;

    public BlockService(AccountService accounts, BlockMuteStores stores, FollowService follows,
                        RelationshipService relationships, UserEventOutbox events, UserServiceConfig.Repair config) {
        this.accounts = accounts;
        this.stores = stores;
        this.follows = follows;
        this.relationships = relationships;
        this.events = events;
        this.repairAfter = config.after();
    }

    public RelationshipView block(Account blocker, String targetId) {
        Account blocked = other(blocker, targetId, "block");
        turnOn(stores.blocks(), blocker, blocked, new Document(), new Document(SEVER_PENDING, true), BlockChanged.TYPE,
                new BlockChanged(blocker.idString(), blocked.idString(), true, Instant.now()));
        sever(blocker.id(), blocked.id());
        return relationships.relationship(blocker.id(), blocked.id());
    }

    public RelationshipView unblock(Account blocker, String targetId) {
        Account blocked = other(blocker, targetId, "unblock");
        return turnOff(stores.blocks(), blocker, blocked, BlockChanged.TYPE,
                new BlockChanged(blocker.idString(), blocked.idString(), false, Instant.now()));
    }

    /** Mutes, or changes whether the mute also hides notifications (which re-emits {@code MuteChanged}). */
    public RelationshipView mute(Account muter, String targetId, boolean notifications) {
        Account muted = other(muter, targetId, "mute");
        return turnOn(stores.mutes(), muter, muted, new Document("notifications", notifications), new Document(),
                MuteChanged.TYPE, new MuteChanged(muter.idString(), muted.idString(), true, notifications,
                        Instant.now()));
    }

    public RelationshipView unmute(Account muter, String targetId) {
        Account muted = other(muter, targetId, "unmute");
        return turnOff(stores.mutes(), muter, muted, MuteChanged.TYPE,
                new MuteChanged(muter.idString(), muted.idString(), false, false, Instant.now()));
    }

    private RelationshipView turnOn(SwitchStore store, Account source, Account target, Document settings,
                                    Document marks, String type, Object payload) {
        String key = store.key(source.id(), target.id());
        OutgoingEvent changed = events.event(Topics.FOLLOWS, key, type, payload);
        if (store.turnOn(source.id(), target.id(), settings, marks, changed)) {
            events.publish(store.collection(), key, changed);
        }
        return relationships.relationship(source.id(), target.id());
    }

    private RelationshipView turnOff(SwitchStore store, Account source, Account target, String type,
                                     Object payload) {
        String key = store.key(source.id(), target.id());
        OutgoingEvent changed = events.event(Topics.FOLLOWS, key, type, payload);
        if (store.turnOff(source.id(), target.id(), changed)) {
            events.publish(store.collection(), key, changed);
        }
        return relationships.relationship(source.id(), target.id());
    }

    /** Ends the follows both ways (idempotent), then clears the block's pending mark. */
    private void sever(long blockerId, long blockedId) {
        follows.end(blockerId, blockedId);
        follows.end(blockedId, blockerId);
        stores.blocks().unset(stores.blocks().key(blockerId, blockedId), SEVER_PENDING);
    }

    /** Finishes blocks whose follow removal a crashed request left undone. */
    @Scheduled(every = "${social.repair.interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void repair() {
        try {
            for (Document block : stores.blocks().marked(SEVER_PENDING, Instant.now().minus(repairAfter),
                    REPAIR_BATCH)) {
                if (block.getBoolean("active", false)) {
                    LOG.infof("Finishing the follow removal of %s", block.getString("_id"));
                    sever(block.getLong("sourceId"), block.getLong("targetId"));
                } else {
                    stores.blocks().unset(block.getString("_id"), SEVER_PENDING);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Block repair failed, will retry: %s", e.getMessage());
        }
    }

    private Account other(Account caller, String targetId, String action) {
        Account target = accounts.get(targetId);
        if (target.id() == caller.id()) {
            throw new UnprocessableEntity("You cannot " + action + " yourself");
        }
        return target;
    }
}
