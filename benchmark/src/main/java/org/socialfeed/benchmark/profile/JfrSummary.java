package org.socialfeed.benchmark.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JFR recording says about a time window: execution samples counted by their top frame (the method running,
 * "self" time) and by that method's package, and the bytes allocated, estimated as the sum of the allocation
 * samples' weights (each weighs what its thread allocated since its previous sample). Read with the JDK's own
 * {@link RecordingFile}, so no {@code jfr} tool is needed.
 */
public final class JfrSummary {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    public static final int TOP_METHODS = 15;
    public static final int TOP_PACKAGES = 10;

    private final Map<String, Long> methods = new HashMap<>();
    private final Map<String, Long> packages = new HashMap<>();
    private long executionSamples;
    private long allocatedBytes;

    private JfrSummary() {
    }

    /** The events of {@code recording} that started within {@code [from, to]}. */
    public static JfrSummary read(Path recording, Instant from, Instant to) throws IOException {
        JfrSummary summary = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case EXECUTION_SAMPLE -> summary.countSample(event.getStackTrace());
                    case ALLOCATION_SAMPLE -> summary.allocatedBytes += event.getLong("weight");
                    default -> {
                        // the profile settings record much more; only these two are summarised
                    }
                }
            }
        }
        return summary;
    }

    public long executionSamples() {
        return executionSamples;
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** The methods that were the top frame of the most samples, most first. */
    public List<ProfileSummary.Hotspot> topMethods(int limit) {
        return top(methods, limit);
    }

    /** The packages of those top frames, most first. */
    public List<ProfileSummary.Hotspot> topPackages(int limit) {
        return top(packages, limit);
    }

    /** The summary for the report: {@code cpu} is the process's CPU time over the window, {@code reads} its reads. */
    public ProfileSummary summary(String service, String recording, long reads, Duration cpu) {
        double perRead = Math.max(1, reads);
        return new ProfileSummary(service, recording, reads, cpu.toNanos() / 1e6 / perRead, allocatedBytes / perRead,
                executionSamples, topMethods(TOP_METHODS), topPackages(TOP_PACKAGES));
    }

    private void countSample(RecordedStackTrace stack) {
        executionSamples++;
        if (stack == null || stack.getFrames().isEmpty()) {
            methods.merge("(no Java frame)", 1L, Long::sum);
            packages.merge("(no Java frame)", 1L, Long::sum);
            return;
        }
        RecordedMethod top = stack.getFrames().get(0).getMethod();
        String type = top.getType().getName();
        methods.merge(type + "." + top.getName(), 1L, Long::sum);
        int dot = type.lastIndexOf('.');
        packages.merge(dot < 0 ? "(default package)" : type.substring(0, dot), 1L, Long::sum);
    }

    private List<ProfileSummary.Hotspot> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new ProfileSummary.Hotspot(e.getKey(), e.getValue(), e.getValue() / (double) executionSamples))
                .toList();
    }
}
