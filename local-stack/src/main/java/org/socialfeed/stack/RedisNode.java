package org.socialfeed.stack;

import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server (the binary shipped in the embedded-redis jar) on a port of the stack's own, never a
 * Redis the user runs for something else.
 */
public final class RedisNode {

    /**
     * Timelines are capped at 800 entries; keeping sorted sets of that size in the compact encoding takes about
     * a sixth of the memory (see docs/MEASUREMENTS.md). The 6.2 name is also accepted by Redis 7 as an alias.
     */
    public static final String COMPACT_ZSET_LIMIT = "1024";

    private RedisNode() {
    }

    public static ManagedProcess start(int port, Path dataDirectory, Path logDirectory) throws IOException {
        return start("redis", port, dataDirectory, logDirectory, List.of());
    }

    /** A node named {@code name} (its log file's name) with {@code extraArguments} after the usual ones. */
    static ManagedProcess start(String name, int port, Path dataDirectory, Path logDirectory,
                                List<String> extraArguments) throws IOException {
        Files.createDirectories(dataDirectory);
        String executable = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        List<String> command = new ArrayList<>(List.of(executable,
                "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dataDirectory.toAbsolutePath().toString(),
                "--save", "", "--appendonly", "no",
                "--zset-max-ziplist-entries", COMPACT_ZSET_LIMIT));
        command.addAll(extraArguments);
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(), logDirectory);
        process.awaitReady(() -> Ports.isListening("127.0.0.1", port), Duration.ofSeconds(20));
        return process;
    }

    public static String uri(int port) {
        return "redis://127.0.0.1:" + port;
    }
}
