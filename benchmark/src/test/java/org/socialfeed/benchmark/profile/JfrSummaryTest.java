package org.socialfeed.benchmark.profile;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summariser reads a real recording: a burst of work in this JVM, recorded with {@link Recording} or through
 * {@code jcmd} as the benchmark records a service, shows up as the hot method and as allocated bytes.
 */
class JfrSummaryTest {

    private static final int ALLOCATION_CHUNK = 64 * 1024;
    private static final long BURST_NANOS = Duration.ofMillis(800).toNanos();
    /** On a crowded machine the burst gets little of a core: it runs until it has had its CPU time, or this long. */
    private static final long MAX_WALL_NANOS = Duration.ofSeconds(15).toNanos();

    /**
     * Work whose samples land in this method: arithmetic in the loop, and a chunk allocated now and then, until the
     * thread has used {@code cpuNanos} of CPU time.
     */
    static long burnCpuAndAllocate(long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuEnd = threads.getCurrentThreadCpuTime() + cpuNanos;
        long wallEnd = System.nanoTime() + MAX_WALL_NANOS;
        long mix = 0;
        long allocated = 0;
        byte[] keep = null;
        while (threads.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
            for (int i = 0; i < 100_000; i++) {
                mix = mix * 6364136223846793005L + i;
            }
            keep = new byte[ALLOCATION_CHUNK];
            keep[(int) (mix & (ALLOCATION_CHUNK - 1))] = 1;
            allocated += keep.length;
        }
        return allocated + (mix & 1) + keep.length;
    }

    @Test
    void countsSelfSamplesByMethodAndPackageAndSumsAllocationWeights(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("burst.jfr");
        Instant from;
        Instant to;
        long allocated;
        try (Recording recording = new Recording()) {
            recording.enable(JfrSummary.EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(10));
            recording.enable(JfrSummary.ALLOCATION_SAMPLE).with("throttle", "1000/s");
            recording.start();
            from = Instant.now();
            allocated = burnCpuAndAllocate(BURST_NANOS);
            to = Instant.now();
            recording.stop();
            recording.dump(file);
        }

        JfrSummary summary = JfrSummary.read(file, from, to);

        assertThat(summary.executionSamples()).isGreaterThanOrEqualTo(5);
        ProfileSummary.Hotspot hottest = summary.topMethods(JfrSummary.TOP_METHODS).get(0);
        assertThat(hottest.name()).isEqualTo(JfrSummaryTest.class.getName() + ".burnCpuAndAllocate");
        assertThat(hottest.share()).isGreaterThan(0.5);
        assertThat(summary.topPackages(JfrSummary.TOP_PACKAGES).get(0).name())
                .isEqualTo(JfrSummaryTest.class.getPackageName());
        assertThat(summary.topOfOurs(JfrSummary.TOP_METHODS).get(0).name())
                .isEqualTo(JfrSummaryTest.class.getName() + ".burnCpuAndAllocate");
        // the weights estimate what was allocated: the burst's own allocation dominates
        assertThat(summary.allocatedBytes()).isBetween(allocated / 2, allocated * 3);

        ProfileSummary perRead = summary.summary("test", "burst.jfr", 1_000, Duration.ofMillis(500));
        assertThat(perRead.cpuMsPerRead()).isEqualTo(0.5);
        assertThat(perRead.allocatedBytesPerRead()).isEqualTo(summary.allocatedBytes() / 1_000.0);
        assertThat(perRead.methods()).hasSizeLessThanOrEqualTo(JfrSummary.TOP_METHODS);
        assertThat(summary.summary("test", "burst.jfr", 0, Duration.ofMillis(500)).cpuMsPerRead())
                .as("no reads, no per-read figure").isZero();
    }

    @Test
    void eventsOutsideTheWindowAreLeftOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("before.jfr");
        Instant after;
        try (Recording recording = new Recording()) {
            recording.enable(JfrSummary.EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(10));
            recording.start();
            burnCpuAndAllocate(Duration.ofMillis(300).toNanos());
            after = Instant.now();
            recording.stop();
            recording.dump(file);
        }

        assertThat(JfrSummary.read(file, after.plusSeconds(1), after.plusSeconds(2)).executionSamples()).isZero();
    }

    @Test
    void profilesARunningJvmThroughJcmd(@TempDir Path dir) throws Exception {
        long pid = ProcessHandle.current().pid();
        Path file = dir.resolve("self.jfr");

        ServiceProfiler.Session session = ServiceProfiler.start("this JVM", pid, file);
        burnCpuAndAllocate(BURST_NANOS);
        ProfileSummary summary = session.finish(100);

        assertThat(file).isRegularFile();
        assertThat(summary.recording()).isEqualTo("self.jfr");
        assertThat(summary.reads()).isEqualTo(100);
        assertThat(summary.executionSamples()).isPositive();
        assertThat(summary.methods()).extracting(ProfileSummary.Hotspot::name)
                .contains(JfrSummaryTest.class.getName() + ".burnCpuAndAllocate");
        assertThat(summary.cpuMsPerRead()).as("the burst used CPU time").isPositive();
        assertThat(summary.allocatedBytesPerRead()).isPositive();
    }
}
