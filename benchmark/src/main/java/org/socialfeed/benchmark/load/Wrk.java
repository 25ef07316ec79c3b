package org.socialfeed.benchmark.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (the C load generator the issue measured with), when it is on the PATH: a second opinion on the harness's own
 * generator, so a report shows whether {@link KeepAliveHttp} keeps up with it.
 */
public final class Wrk {

    public static final String GENERATOR = "wrk";
    private static final int THREADS = 2;
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** {@code errors}: non-2xx answers plus socket errors. */
    public record Result(double requestsPerSecond, double p99Ms, long errors, String command) {
    }

    private Wrk() {
    }

    /** wrk from the PATH, unless {@code SOCIALFEED_BENCH_NO_WRK} is set. */
    public static Path find() {
        return Executables.onPath("wrk", "SOCIALFEED_BENCH_NO_WRK");
    }

    public static Result run(Path wrk, String url, String token, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + THREADS, "-c" + connections,
                "-d" + seconds + "s", "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed: " + output);
        }
        return parse(output, String.join(" ", command));
    }

    static Result parse(String output, String command) {
        Matcher rps = REQUESTS_PER_SECOND.matcher(output);
        Matcher p99 = P99.matcher(output);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("no result in wrk output: " + output);
        }
        double p99Ms = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), p99Ms, errors, command);
    }
}
