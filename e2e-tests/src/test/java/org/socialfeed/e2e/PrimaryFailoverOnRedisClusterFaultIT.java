package org.socialfeed.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack on a Redis Cluster (three primaries, one replica each: the reliability profile's test JVM with
 * {@link RunningStack#ON_REDIS_CLUSTER}):
 * the primary holding a reader's timeline is killed (SIGKILL of its redis-server) while a writer posts, likes and
 * follows and a reader polls every home timeline. Its replica takes over; reads fail only until the services'
 * cluster clients use the promoted replica, and afterwards every post is in every follower's home timeline exactly
 * once: nothing is lost beyond what the replay of the topics restores.
 */
@EnabledIfSystemProperty(named = RunningStack.ON_REDIS_CLUSTER, matches = "true")
class PrimaryFailoverOnRedisClusterFaultIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final int WRITES_PER_SECOND = 8;
    private static final long KILL_AFTER_MILLIS = 15_000;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    @Test
    void killingAPrimaryLosesNoTimelineEntryAndReadsRecover() {
        RedisCluster cluster = RunningStack.get().redisCluster();
        Workload workload = new Workload("failover", 6);
        List<Client> users = workload.users();
        users.forEach(user -> user.on(ServiceApp.FEED).get("/api/v1/timelines/home").then().statusCode(200));
        String timeline = "feed:u:{" + users.get(0).id + "}:tl"; // feed-service's key of the first reader's timeline
        RedisCluster.Node primary = cluster.primaryOf(timeline);

        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        TimelinePoller reader = new TimelinePoller(users);
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            Workload.sleep(KILL_AFTER_MILLIS);
            killedAt.set(System.nanoTime());
            primary.process().kill();
        });
        workload.runThrough(fault, RUN, WRITES_PER_SECOND);
        reader.close();

        List<TimelinePoller.Read> reads = reader.reads();
        List<TimelinePoller.Read> failedReads = reads.stream().filter(read -> read.status() != 200).toList();
        Duration readsRecoveredAfter = Duration.ofNanos(failedReads.stream()
                .mapToLong(read -> read.endedAt() - killedAt.get()).max().orElse(0));
        workload.figures("redis-primary-failover")
                .put("faultsInjected", "1 (kill -9 of the primary holding a reader's timeline)")
                .put("timelineReads", reads.size()).put("failedReads", failedReads.size())
                .put("readsRecoveredAfterMillis", readsRecoveredAfter.toMillis()).write();
        assertThat(failedReads).as("reads that failed before the kill")
                .noneMatch(read -> read.endedAt() < killedAt.get());
        assertThat(readsRecoveredAfter).as("time from the kill to the last failed read").isLessThan(RECOVERY_LIMIT);
        assertThat(cluster.primaryOf(timeline).primary())
                .as("a former replica serves the killed primary's slots").isFalse();
    }
}
