package org.socialfeed.benchmark.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** External measuring tools (redis-benchmark, wrk) the harness uses when they are installed. */
public final class Executables {

    private Executables() {
    }

    /** {@code name} from the PATH, or null when it is not there or {@code disablingVariable} is set. */
    public static Path onPath(String name, String disablingVariable) {
        if (System.getenv(disablingVariable) != null) {
            return null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
