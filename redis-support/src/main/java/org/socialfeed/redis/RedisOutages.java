package org.socialfeed.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Telling a Redis that is briefly unreachable (a restart, a Redis Cluster failing over to a replica) from a command
 * that fails whatever the state of Redis, and waiting out the first. Work that repeats safely (idempotent writes) is
 * run again until Redis answers, instead of failing what it was doing for good, such as sending a Kafka record to its
 * dead-letter topic.
 */
public final class RedisOutages {

    private static final Logger LOG = Logger.getLogger(RedisOutages.class);
    /**
     * Error replies that mean "not now" rather than "never": a cluster without a primary for some slots (CLUSTERDOWN,
     * TRYAGAIN, MASTERDOWN), a node still loading its data, a primary demoted to replica, a script running too long.
     */
    private static final List<String> TRANSIENT_REPLIES = List.of("CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "LOADING",
            "READONLY", "BUSY");
    private static final Duration PAUSE = Duration.ofMillis(500);

    private RedisOutages() {
    }

    /**
     * Whether {@code failure} (or a cause of it) says Redis could not be reached or could not serve for a while:
     * every Lettuce failure (no connection, a timeout, a closed connection, no node for a slot) except an error reply,
     * which repeats for the same command unless it is one of the transient ones.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException reply) {
                String message = String.valueOf(reply.getMessage());
                return TRANSIENT_REPLIES.stream().anyMatch(message::startsWith);
            }
            if (cause instanceof RedisException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work}; while it fails with an {@linkplain #isOutage outage} it is run again after a short pause, for
     * at most {@code limit}, after which the last failure is thrown. Any other failure is thrown at once.
     */
    public static void retryThroughOutage(Runnable work, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int attempt = 0;
        while (true) {
            try {
                work.run();
                if (attempt > 0) {
                    LOG.infof("Redis answered again after %d attempts", attempt + 1);
                }
                return;
            } catch (RuntimeException e) {
                if (!isOutage(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                if (attempt++ == 0) {
                    LOG.warnf("Redis is unreachable (%s); trying again for up to %d s", e.getMessage(),
                            limit.toSeconds());
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", e);
        }
    }
}
