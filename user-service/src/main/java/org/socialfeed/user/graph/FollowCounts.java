package org.socialfeed.user.graph;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.config.UserServiceConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps followers_count and following_count exact without ever counting follows. A follow's state change stores a
 * pending counter operation in the follow document (same write as the state and its event); this class then adds
 * the delta to both accounts, each account remembering the operation so it is applied once
 * ({@link AccountRepository#applyCount}), and removes it from the follow. If the process dies in between, the
 * repair job finds the operation still pending and finishes it.
 */
@ApplicationScoped
public class FollowCounts {

    private static final Logger LOG = Logger.getLogger(FollowCounts.class);
    private static final int REPAIR_BATCH = 500;

    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final Duration repairAfter;

    public FollowCounts(AccountRepository accounts, FollowRepository follows, UserServiceConfig.Repair config) {
        this.accounts = accounts;
        this.follows = follows;
        this.repairAfter = config.after();
    }

    public void apply(long followerId, long followeeId, FollowRepository.Change change) {
        if (change.countOperation() != null) {
            apply(followerId, followeeId, change.countOperation(), change.countDelta());
        }
    }

    private void apply(long followerId, long followeeId, String operation, long delta) {
        accounts.applyCount(followerId, operation, AccountRepository.FOLLOWING_COUNT, delta);
        accounts.applyCount(followeeId, operation, AccountRepository.FOLLOWERS_COUNT, delta);
        follows.clearPendingCount(FollowRepository.key(followerId, followeeId), operation);
    }

    /** Finishes counter operations that a crashed or failed request left pending. */
    @Scheduled(every = "${social.repair.interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void repair() {
        Instant olderThan = Instant.now().minus(repairAfter);
        try {
            for (Document follow : follows.withPendingCounts(olderThan, REPAIR_BATCH)) {
                long followerId = follow.getLong("followerId");
                long followeeId = follow.getLong("followeeId");
                for (Document pending : follow.getList(FollowRepository.PENDING_COUNTS, Document.class)) {
                    if (pending.getDate("createdAt").toInstant().isBefore(olderThan)) {
                        LOG.infof("Finishing counter operation %s", pending.getString("op"));
                        apply(followerId, followeeId, pending.getString("op"),
                                pending.get("delta", Number.class).longValue());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Counter repair failed, will retry: %s", e.getMessage());
        }
    }
}
