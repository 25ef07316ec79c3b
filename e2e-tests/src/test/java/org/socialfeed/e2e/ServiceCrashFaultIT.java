package org.socialfeed.e2e;

import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kill -9 of each service in turn while a writer posts, likes and follows at a steady rate. Afterwards no accepted
 * post, like or follow is missing anywhere, no timeline entry is duplicated, and every follow and like is notified
 * exactly once.
 */
class ServiceCrashFaultIT {

    private static final Duration RUN = Duration.ofSeconds(100);
    private static final int WRITES_PER_SECOND = 8;

    @Test
    void killingEachServiceLosesAndDuplicatesNothing() {
        Workload workload = new Workload("crash", 8);
        AtomicInteger kills = new AtomicInteger();
        CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> {
            for (ServiceApp app : ServiceApp.values()) {
                Workload.sleep(12_000);
                try {
                    RunningStack.get().restartAfterKill(app);
                    kills.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException("Could not restart " + app.module(), e);
                }
            }
        });
        workload.runThrough(faults, RUN, WRITES_PER_SECOND);
        workload.figures("service-kill").put("faultsInjected", kills.get() + " (kill -9 of each service)").write();
    }
}
