package org.socialfeed.benchmark.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of named processes and of the whole machine, from Linux's {@code /proc}: a snapshot before a phase and one
 * after give each process's share of the work without a profiler (which would change what it measures). Elsewhere
 * than Linux the snapshots are empty and the report leaves the figures out.
 */
public final class ProcessCpu {

    /** Linux's USER_HZ, the unit of {@code /proc}'s CPU times: 100 on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> pids;

    /** @param pids the processes to follow by name; the harness itself is added as "harness" */
    public ProcessCpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("harness", ProcessHandle.current().pid());
    }

    /** CPU seconds used so far by each process still running, and by the whole machine (busy and in all). */
    public record Snapshot(Map<String, Double> seconds, double machineBusySeconds, double machineSeconds) {

        /**
         * What each process used between {@code earlier} and this snapshot, in milliseconds per operation, and the
         * machine's busy share of its cores over that time.
         */
        public Usage since(Snapshot earlier, long operations) {
            Map<String, Double> msPerOperation = new LinkedHashMap<>();
            seconds.forEach((name, now) -> {
                Double before = earlier.seconds.get(name);
                if (before != null && operations > 0) {
                    msPerOperation.put(name, (now - before) * 1000 / operations);
                }
            });
            double elapsed = machineSeconds - earlier.machineSeconds;
            return new Usage(msPerOperation, elapsed > 0 ? (machineBusySeconds - earlier.machineBusySeconds) / elapsed
                    : 0);
        }
    }

    /**
     * CPU per operation by process over a phase, and how busy the machine's cores were (1 = every core all the
     * time); empty when {@code /proc} was not readable.
     */
    public record Usage(Map<String, Double> msPerOperation, double machineBusy) {
        public static final Usage NONE = new Usage(Map.of(), 0);
    }

    public Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Double used = processSeconds(pid);
            if (used != null) {
                seconds.put(name, used);
            }
        });
        double[] machine = machineSeconds();
        return new Snapshot(seconds, machine[0], machine[1]);
    }

    /** User plus system time of one process: fields 14 and 15 of its stat line, counted after the command's ')'. */
    private static Double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The machine's busy and total CPU seconds over all cores, from the first line of {@code /proc/stat}. */
    private static double[] machineSeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new double[]{(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[]{0, 0};
        }
    }
}
