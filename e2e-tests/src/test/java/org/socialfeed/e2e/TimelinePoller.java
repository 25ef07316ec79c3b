package org.socialfeed.e2e;

import org.socialfeed.stack.ServiceApp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reader for the fault tests: reads every account's home timeline in turn, every 200 ms, on a thread of its own
 * until closed, and keeps each read's outcome and when it was made, so a test can judge the reads made while a
 * store was down apart from the others.
 */
final class TimelinePoller implements AutoCloseable {

    /** One home timeline read: its HTTP status (-1: no answer at all), started and ended at these nanoTimes. */
    record Read(String username, int status, long startedAt, long endedAt) {
        boolean overlaps(long from, long until) {
            return endedAt >= from && startedAt <= until;
        }
    }

    private final List<Read> reads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final CompletableFuture<Void> loop;

    TimelinePoller(List<Client> users) {
        loop = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                users.forEach(this::read);
                Workload.sleep(200);
            }
        });
    }

    private void read(Client user) {
        long started = System.nanoTime();
        int status;
        try {
            status = user.on(ServiceApp.FEED).config(Workload.timeouts()).get("/api/v1/timelines/home").statusCode();
        } catch (Exception e) { // no answer at all
            status = -1;
        }
        reads.add(new Read(user.username, status, started, System.nanoTime()));
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    @Override
    public void close() {
        done.set(true);
        loop.join();
    }
}
