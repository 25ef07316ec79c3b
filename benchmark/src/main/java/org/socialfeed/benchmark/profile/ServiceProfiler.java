package org.socialfeed.benchmark.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Profiles a running service JVM for the length of one phase: {@code jcmd <pid> JFR.start settings=profile} before,
 * {@code JFR.stop filename=...} after, so the services start as usual and only a profiled run pays JFR's cost. The
 * process's CPU time comes from the operating system ({@link ProcessHandle.Info#totalCpuDuration()}, i.e.
 * {@code /proc/<pid>/stat} on Linux), read right before and after the phase.
 */
public final class ServiceProfiler {

    private static final String RECORDING_NAME = "socialfeed-benchmark";
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private ServiceProfiler() {
    }

    /** A recording in progress; {@link #finish} ends it and summarises the phase. */
    public static final class Session {
        private final String service;
        private final long pid;
        private final Path recording;
        private Instant from;
        private Duration cpuAtStart;

        private Session(String service, long pid, Path recording) {
            this.service = service;
            this.pid = pid;
            this.recording = recording;
            measureFromNow();
        }

        /**
         * The phase summarised starts now, not when the recording did. Starting JFR redefines the classes its
         * profile settings instrument (sockets, files) and throws away the compiled code that inlined them
         * ("Jvmti state change invalidated dependencies"): for some seconds after, the JIT's recompiling is most of
         * the process's CPU, so the caller lets the load run that long before the phase it measures.
         */
        public void measureFromNow() {
            this.cpuAtStart = cpuTime(pid);
            this.from = Instant.now();
        }

        /** Stops the recording into its file and summarises the phase that did {@code reads} successful reads. */
        public ProfileSummary finish(long reads) throws IOException, InterruptedException {
            Instant to = Instant.now();
            Duration cpu = cpuTime(pid).minus(cpuAtStart);
            jcmd(pid, "JFR.stop", "name=" + RECORDING_NAME, "filename=" + recording.toAbsolutePath());
            if (!Files.isRegularFile(recording)) {
                throw new IOException("JFR wrote no recording to " + recording);
            }
            return JfrSummary.read(recording, from, to)
                    .summary(service, recording.getFileName().toString(), reads, cpu);
        }
    }

    /** Starts a recording with the JDK's {@code profile} settings in the JVM {@code pid}, to go to {@code recording}. */
    public static Session start(String service, long pid, Path recording) throws IOException, InterruptedException {
        Files.createDirectories(recording.toAbsolutePath().getParent());
        jcmd(pid, "JFR.start", "name=" + RECORDING_NAME, "settings=profile");
        return new Session(service, pid, recording);
    }

    /** CPU time the process has used so far (user and system), as the operating system counts it. */
    static Duration cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", line) + " did not finish within " + JCMD_TIMEOUT_SECONDS + " s");
        }
        // jcmd exits 0 even when the diagnostic command failed; a failed JFR command says so in its output
        if (process.exitValue() != 0 || output.contains("Could not") || output.contains("Exception")) {
            throw new IOException(String.join(" ", line) + " failed: " + output.strip());
        }
    }
}
