package org.socialfeed.benchmark.load;

import java.util.concurrent.locks.LockSupport;

/** Time for the load generators; tests replace it with a clock they move by hand. */
public interface NanoClock {

    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };

    long nanoTime();

    /** Returns at or after {@code deadlineNanos} (immediately if it has passed). */
    void sleepUntil(long deadlineNanos) throws InterruptedException;
}
