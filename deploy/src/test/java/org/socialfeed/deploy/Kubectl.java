package org.socialfeed.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs `kubectl kustomize`. A missing kubectl is a test failure, never a skip. */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 120;

    static Path locate() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getProperty("socialfeed.kubectl", System.getenv("KUBECTL"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new AssertionError("kubectl not found at " + configured + " (set by -Dsocialfeed.kubectl or $KUBECTL). "
                    + "The deploy validation renders every overlay with `kubectl kustomize` and cannot run without it.");
        }
        candidates.add("/usr/bin/kubectl");
        candidates.add("/usr/local/bin/kubectl");
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(dir + File.separator + "kubectl");
                }
            }
        }
        for (String candidate : candidates) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("kubectl not found (looked at -Dsocialfeed.kubectl, $KUBECTL, /usr/bin/kubectl, "
                + "/usr/local/bin/kubectl and $PATH). The deploy validation renders every overlay with "
                + "`kubectl kustomize` and cannot run without it: install kubectl 1.27 or newer "
                + "(kustomize v5 is built in) or point -Dsocialfeed.kubectl at it.");
    }

    /** Renders a kustomization directory; throws with kubectl's own message when it cannot. */
    static String kustomize(Path dir) {
        Path kubectl = locate();
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Path out = Files.createTempFile("kustomize", ".out");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + kubectl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running kubectl", e);
        }
    }

    private Kubectl() {
    }
}
