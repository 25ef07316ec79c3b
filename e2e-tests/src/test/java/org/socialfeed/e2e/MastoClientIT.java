package org.socialfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our promise that an existing Mastodon client library works with nothing but a base URL and a token, checked with
 * a real one: {@code src/test/masto/masto-compatibility.js} drives the stack through the npm client {@code masto}
 * (the version pinned by its package-lock.json), unchanged, and reports each call as a JSON line. Needs Node.js 20
 * or newer and npm; without them the test fails saying so (CI machines have both).
 */
class MastoClientIT {

    private static final Path SCRIPT_SOURCES = Path.of("src", "test", "masto");
    private static final Path WORK_DIRECTORY = Path.of("target", "masto-client");
    private static final String SCRIPT = "masto-compatibility.js";
    private static final int MINIMUM_NODE_MAJOR = 20;
    private static final int GLOBAL_WEBSOCKET_NODE_MAJOR = 22;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyCallOfTheMastoClientSucceedsWithOnlyTheBaseUrlAndItsTokens() throws Exception {
        int nodeMajor = requireNode();
        installClient();

        // masto 8 targets Node 22, whose WebSocket is global; Node 20 and 21 have it behind a flag
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajor < GLOBAL_WEBSOCKET_NODE_MAJOR) {
            command.add("--experimental-websocket");
        }
        command.addAll(List.of(SCRIPT, RunningStack.apiUrl()));
        Run run = run("masto-report", RUN_TIMEOUT, command.toArray(String[]::new));
        List<JsonNode> calls = new ArrayList<>();
        for (String line : run.stdout().lines().filter(line -> !line.isBlank()).toList()) {
            calls.add(json.readTree(line));
        }
        calls.forEach(call -> System.out.println("[masto] " + call));

        List<String> failed = calls.stream().filter(call -> !call.path("ok").asBoolean())
                .map(MastoClientIT::describeFailure).toList();
        assertThat(calls).as("the script's report (exit %d, stderr:%n%s)", run.exitCode(), run.stderr()).isNotEmpty();
        assertThat(failed).as("masto calls that failed (stderr of the script:%n%s)", run.stderr()).isEmpty();
        assertThat(run.exitCode()).as("exit code of the script (stderr:%n%s)", run.stderr()).isZero();
    }

    /** "call: MastoHttpError 404 message (description)", the message with its own line breaks. */
    private static String describeFailure(JsonNode call) {
        JsonNode error = call.path("error");
        StringBuilder text = new StringBuilder(call.path("call").asText()).append(": ").append(error.path("type").asText());
        if (error.hasNonNull("status")) {
            text.append(' ').append(error.path("status").asInt());
        }
        text.append(' ').append(error.path("message").asText());
        if (error.hasNonNull("description")) {
            text.append(" (").append(error.path("description").asText()).append(')');
        }
        return text.toString();
    }

    /** The major version of the node on the PATH, which must be at least {@link #MINIMUM_NODE_MAJOR}. */
    private static int requireNode() {
        String version;
        try {
            version = run("node-version", Duration.ofSeconds(30), "node", "--version").stdout().trim();
        } catch (IOException e) {
            throw new AssertionError("node not found on the PATH: MastoClientIT drives the stack through the npm "
                    + "Mastodon client masto and needs Node.js " + MINIMUM_NODE_MAJOR + " or newer, with npm", e);
        }
        Matcher major = Pattern.compile("v(\\d+)\\.").matcher(version);
        if (!major.lookingAt() || Integer.parseInt(major.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new AssertionError("MastoClientIT needs Node.js " + MINIMUM_NODE_MAJOR + " or newer, found " + version);
        }
        return Integer.parseInt(major.group(1));
    }

    /** The script and its lock file, copied under target/ and installed there, so the sources stay untouched. */
    private static void installClient() throws IOException {
        Files.createDirectories(WORK_DIRECTORY);
        try (Stream<Path> files = Files.list(SCRIPT_SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK_DIRECTORY.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Run install = run("npm-ci", INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
        if (install.exitCode() != 0) {
            throw new AssertionError("npm ci failed in " + WORK_DIRECTORY + " (exit " + install.exitCode() + "):\n"
                    + install.stdout() + install.stderr());
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the work directory, its output kept there as {@code name}.out and .err for a later look. */
    private static Run run(String name, Duration timeout, String... command) throws IOException {
        Files.createDirectories(WORK_DIRECTORY);
        Path stdout = WORK_DIRECTORY.resolve(name + ".out");
        Path stderr = WORK_DIRECTORY.resolve(name + ".err");
        Process process = new ProcessBuilder(command).directory(WORK_DIRECTORY.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
