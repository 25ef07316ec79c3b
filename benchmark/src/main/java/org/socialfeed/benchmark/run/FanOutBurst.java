package org.socialfeed.benchmark.run;

import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.graph.SocialGraph;
import org.socialfeed.benchmark.load.ClosedLoop;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.load.Progress;
import org.socialfeed.benchmark.measure.RedisStats;
import org.socialfeed.benchmark.report.FanOutResult;

import java.time.Duration;
import java.util.List;

/**
 * Fan-out throughput: the most-followed regular authors post in a burst, and Redis's ZADD counter shows how fast
 * the timeline inserts land. The clock runs from the first post sent to the last increase of the counter seen
 * (sampled every 100 ms); it stops when the counter reaches posts x followers, or has not moved for 3 s.
 */
final class FanOutBurst {

    private static final long SAMPLE_MILLIS = 100;
    private static final long QUIET_NANOS = Duration.ofSeconds(3).toNanos();
    private static final long TIMEOUT_NANOS = Duration.ofMinutes(3).toNanos();

    private FanOutBurst() {
    }

    static FanOutResult run(SocialApi api, SocialGraph graph, List<Account> accounts, RedisStats redis, int authors,
                            int rounds) throws InterruptedException {
        int[] regulars = graph.regularActors();
        int count = Math.min(authors, regulars.length);
        long posts = (long) count * rounds;
        long expected = 0;
        for (int i = 0; i < count; i++) {
            expected += (long) graph.followerCount(regulars[i]) * rounds;
        }
        long before = redis.zaddCalls();
        long start = System.nanoTime();
        Operation post = Operation.of("fan-out-post", sequence -> api.compose(
                accounts.get(regulars[(int) (sequence % count)]), "fan-out burst " + sequence)
                .thenApply(id -> id != null));
        ClosedLoop.Result sent;
        try (Progress progress = Progress.start("fan-out burst: posts", posts)) {
            sent = ClosedLoop.run(8, posts, Duration.ofMinutes(2), sequence -> post, progress);
        }
        long lastChange = start;
        long inserted = 0;
        try (Progress progress = Progress.start("fan-out burst: inserts", expected)) {
            while (true) {
                long now = System.nanoTime();
                long delta = redis.zaddCalls() - before;
                if (delta > inserted) {
                    inserted = delta;
                    lastChange = now;
                    progress.set(Math.min(delta, expected));
                }
                if (inserted >= expected || now - lastChange > QUIET_NANOS || now - start > TIMEOUT_NANOS) {
                    break;
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        }
        double seconds = (lastChange - start) / 1e9;
        return new FanOutResult(posts - sent.failed(), expected, inserted, seconds,
                seconds > 0 ? inserted / seconds : 0, inserted >= expected);
    }
}
