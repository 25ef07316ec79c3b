package org.socialfeed.feed.redis;

import io.lettuce.core.RedisFuture;

import java.util.concurrent.ExecutionException;

/** Waiting for queued Lettuce commands (the connection's own timeout bounds the wait). */
public final class Redis {

    private Redis() {
    }

    public static <T> T await(RedisFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis command failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
