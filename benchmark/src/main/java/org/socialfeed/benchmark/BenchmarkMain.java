package org.socialfeed.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.report.ModeResult;
import org.socialfeed.benchmark.report.Report;
import org.socialfeed.benchmark.report.ReportWriter;
import org.socialfeed.benchmark.report.Verdicts;
import org.socialfeed.benchmark.run.BenchmarkOptions;
import org.socialfeed.benchmark.run.FanOutMode;
import org.socialfeed.benchmark.run.ModeRun;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/benchmark [--quick] [--name=value ...]}: runs every requested fan-out mode on a fresh local stack,
 * measures the ceilings once, and writes {@code benchmark/results/<timestamp>/report.{json,md,html}}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            if (java.util.Arrays.asList(args).contains("--help")) {
                throw new IllegalArgumentException("Options:");
            }
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: bin/benchmark [--quick] [--name=value ...]");
            System.err.print(BenchmarkOptions.help());
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("socialfeed.project.root", "")).toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        LocalDateTime started = LocalDateTime.now().withNano(0);
        Path output = options.output() != null ? Path.of(options.output())
                : root.resolve("benchmark/results").resolve(started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        long start = System.nanoTime();

        List<ModeResult> modes = new ArrayList<>();
        List<CeilingResult> ceilings = new ArrayList<>();
        List<HomeReadCeiling> homeReadCeilings = new ArrayList<>();
        for (FanOutMode mode : options.modes()) {
            modes.add(new ModeRun(options, mode, root, output, json)
                    .run(ceilings.isEmpty(), ceilings, homeReadCeilings));
        }
        Report report = new Report(started.toString(), (System.nanoTime() - start) / 1e9, machine(),
                "bin/benchmark " + String.join(" ", args), options.settings(), modes, ceilings, homeReadCeilings,
                Verdicts.headlines(modes, ceilings, homeReadCeilings), Verdicts.targets(modes, ceilings,
                homeReadCeilings));
        ReportWriter writer = new ReportWriter(json);
        writer.write(report, output);
        System.out.println();
        System.out.println(writer.markdown(report));
        System.out.println("Report: " + output.resolve("report.md") + ", " + output.resolve("report.html") + ", "
                + output.resolve("report.json"));
        System.exit(0); // HTTP client and Kafka threads are not daemons
    }

    static Report.Machine machine() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Report.Machine(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), cpuModel(), Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.version"));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "unknown CPU";
    }
}
