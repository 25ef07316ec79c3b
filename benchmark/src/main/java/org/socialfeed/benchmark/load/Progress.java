package org.socialfeed.benchmark.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar for long phases: {@code label [=====>    ] 45% 4,500/10,000 1,234/s ETA 0:04}, redrawn at
 * most twice a second on the same terminal line, and finished with a newline.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 500_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final NanoClock clock;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDrawNanos;

    public Progress(String label, long total, PrintStream out, NanoClock clock) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    public static Progress start(String label, long total) {
        return new Progress(label, total, System.out, NanoClock.SYSTEM);
    }

    public void advance(long count) {
        done.addAndGet(count);
        long now = clock.nanoTime();
        long last = lastDrawNanos;
        if (now - last >= REDRAW_NANOS) {
            synchronized (this) {
                if (lastDrawNanos == last) {
                    lastDrawNanos = now;
                    out.print("\r" + line(label, done.get(), total, (now - startNanos) / 1e9));
                    out.flush();
                }
            }
        }
    }

    /** Sets the count instead of adding to it, for progress read from outside (e.g. a consumer's offset). */
    public void set(long value) {
        advance(value - done.get());
    }

    public long done() {
        return done.get();
    }

    @Override
    public synchronized void close() {
        out.println("\r" + line(label, done.get(), total, (clock.nanoTime() - startNanos) / 1e9));
        out.flush();
    }

    /** The bar for {@code done} of {@code total} after {@code elapsedSeconds}; no bar if the total is unknown (0). */
    public static String line(String label, long done, long total, double elapsedSeconds) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "%-28s %,d  %,.0f/s  %s   ", label, done,
                    elapsedSeconds > 0 ? done / elapsedSeconds : 0, clock((long) elapsedSeconds));
        }
        double fraction = Math.min(1.0, Math.max(0.0, done / (double) total));
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled - 1 || fraction >= 1.0 && i < filled ? '=' : i == filled - 1 ? '>' : ' ');
        }
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        String eta = rate > 0 && done < total ? clock((long) Math.ceil((total - done) / rate)) : "-";
        return String.format(Locale.ROOT, "%-28s [%s] %3d%% %,d/%,d  %,.0f/s  ETA %s   ",
                label, bar, (int) Math.floor(fraction * 100), done, total, rate, eta);
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
