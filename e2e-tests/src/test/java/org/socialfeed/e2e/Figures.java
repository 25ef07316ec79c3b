package org.socialfeed.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a reliability test reports (requests tried, faults injected, records checked, losses found), printed
 * and written to {@code target/reliability/<test>.properties} for docs/RELIABILITY.md.
 */
final class Figures {

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Figures(String test) {
        this.test = test;
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    void write() {
        StringBuilder text = new StringBuilder("# ").append(test).append(", ").append(Instant.now()).append('\n');
        values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        System.out.println("[reliability] " + test + " " + values);
        try {
            Path directory = Path.of("target", "reliability");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(test + ".properties"), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
