package org.socialfeed.notification.inbox;

import io.micrometer.core.instrument.Counter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.socialfeed.support.problem.Problem;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Notification pages read from MongoDB a few at a time (social.notifications.mongo-page-reads): a grouped page there
 * is dozens of queries, and many at once take the store from every other caller. A read that finds every turn taken
 * waits up to {@code wait}, then is answered 503 with Retry-After and counted in {@code busy}.
 */
final class MongoPageReads {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore turns;
    private final long waitMillis;
    private final Counter busy;

    MongoPageReads(int atOnce, Duration wait, Counter busy) {
        this.turns = new Semaphore(atOnce, true);
        this.waitMillis = wait.toMillis();
        this.busy = busy;
    }

    /** {@code page}'s answer in its turn (on a thread that may block), or 503 for {@code path}. */
    Response read(Supplier<Response> page, String path) {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            busy.increment();
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Too many notification "
                            + "pages are being read from the database at once; retry shortly", path).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        try {
            return page.get();
        } finally {
            turns.release();
        }
    }
}
