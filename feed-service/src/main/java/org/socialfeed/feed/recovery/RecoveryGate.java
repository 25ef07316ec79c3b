package org.socialfeed.feed.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.socialfeed.feed.config.FeedConfig;

import java.time.Duration;

/**
 * Whether feed-service's Redis state (follow replica, post cache, recent lists) is complete. Until it is, consumers
 * hold their next event and reads wait (up to {@code recovery.wait-limit}), so nothing is built from a half-restored
 * replica. Anyone who notices the state is gone calls {@link #lost()}.
 */
@ApplicationScoped
public class RecoveryGate {

    private static final Logger LOG = Logger.getLogger(RecoveryGate.class);

    private final Duration waitLimit;
    private volatile boolean recovered;
    private volatile Runnable onLost = () -> { };

    public RecoveryGate(FeedConfig config) {
        this.waitLimit = config.recovery().waitLimit();
    }

    void whenLost(Runnable recovery) {
        this.onLost = recovery;
    }

    public boolean isRecovered() {
        return recovered;
    }

    /** The state is missing: block readers and consumers and start a recovery (once). */
    public void lost() {
        recovered = false;
        onLost.run();
    }

    synchronized void open() {
        recovered = true;
        notifyAll();
    }

    /** Returns at once when the state is complete; otherwise waits for the recovery, at most the wait limit. */
    public void awaitRecovered() {
        if (recovered) {
            return;
        }
        long deadline = System.nanoTime() + waitLimit.toNanos();
        synchronized (this) {
            while (!recovered) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("Redis state is still being recovered; going on with what it has");
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
