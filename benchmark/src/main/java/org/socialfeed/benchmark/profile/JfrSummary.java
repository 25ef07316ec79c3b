package org.socialfeed.benchmark.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a JFR recording says about a time window: execution samples counted by their top frame (the method running,
 * "self" time) and by that method's package, and the bytes allocated, estimated as the sum of the allocation
 * samples' weights (each weighs what its thread allocated since its previous sample; a thread's first sample is left
 * out, as its weight reaches back to before the recording). Read with the JDK's own {@link RecordingFile}, so no
 * {@code jfr} tool is needed.
 */
public final class JfrSummary {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    public static final int TOP_METHODS = 15;
    public static final int TOP_PACKAGES = 10;
    /** Whose code "ours" is: the innermost frame of these packages is charged with the sample. */
    public static final String OUR_PACKAGES = "org.socialfeed.";

    private final Map<String, Long> methods = new HashMap<>();
    private final Map<String, Long> packages = new HashMap<>();
    private final Map<String, Long> ours = new HashMap<>();
    private long executionSamples;
    private long allocatedBytes;

    private JfrSummary() {
    }

    /** The events of {@code recording} that started within {@code [from, to]}. */
    public static JfrSummary read(Path recording, Instant from, Instant to) throws IOException {
        JfrSummary summary = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            Set<Long> sampledThreads = new HashSet<>();
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                boolean inWindow = !event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to);
                switch (event.getEventType().getName()) {
                    case EXECUTION_SAMPLE -> {
                        if (inWindow) {
                            summary.countSample(event.getStackTrace());
                        }
                    }
                    case ALLOCATION_SAMPLE -> {
                        // a thread's first sample weighs all it allocated since the JVM started (nothing was sampled
                        // before the recording): only the weights between two samples of one thread count
                        boolean first = sampledThreads.add(event.getThread("eventThread").getId());
                        if (inWindow && !first) {
                            summary.allocatedBytes += event.getLong("weight");
                        }
                    }
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

    /**
     * Our methods by the samples they were the innermost of our frames in (self time plus the library code they
     * called), most first: which of our code the time is spent under.
     */
    public List<ProfileSummary.Hotspot> topOfOurs(int limit) {
        return top(ours, limit);
    }

    /**
     * The summary for the report: {@code cpu} is the process's CPU time over the window, {@code reads} its
     * successful reads (none: no per-read figures, 0).
     */
    public ProfileSummary summary(String service, String recording, long reads, Duration cpu) {
        double cpuMsPerRead = reads == 0 ? 0 : cpu.toNanos() / 1e6 / reads;
        double allocatedPerRead = reads == 0 ? 0 : allocatedBytes / (double) reads;
        return new ProfileSummary(service, recording, reads, cpuMsPerRead, allocatedPerRead, executionSamples,
                topMethods(TOP_METHODS), topPackages(TOP_PACKAGES), topOfOurs(TOP_METHODS));
    }

    private void countSample(RecordedStackTrace stack) {
        executionSamples++;
        if (stack == null || stack.getFrames().isEmpty()) {
            methods.merge("(no Java frame)", 1L, Long::sum);
            packages.merge("(no Java frame)", 1L, Long::sum);
            ours.merge("(no Java frame)", 1L, Long::sum);
            return;
        }
        RecordedMethod top = stack.getFrames().get(0).getMethod();
        String type = top.getType().getName();
        methods.merge(name(top), 1L, Long::sum);
        int dot = type.lastIndexOf('.');
        packages.merge(dot < 0 ? "(default package)" : type.substring(0, dot), 1L, Long::sum);
        stack.getFrames().stream().map(RecordedFrame::getMethod)
                .filter(method -> method.getType().getName().startsWith(OUR_PACKAGES)).findFirst()
                .ifPresentOrElse(method -> ours.merge(name(method), 1L, Long::sum),
                        () -> ours.merge("(none of ours on the stack)", 1L, Long::sum));
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private List<ProfileSummary.Hotspot> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new ProfileSummary.Hotspot(e.getKey(), e.getValue(),
                        e.getValue() / (double) executionSamples))
                .toList();
    }
}
