package org.socialfeed.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Renders the overlays of deploy/k8s the way an admin would (`kubectl kustomize`), from a copy
 * in target/ so that nothing is written into the source tree.
 */
final class Overlays {

    static final List<String> ALL = List.of("dev", "prod");

    /** Third-party images the dev overlay may run (pinned tags are checked separately). */
    private static final Map<String, Set<String>> INFRA_IMAGE_REPOS = Map.of(
            "dev", Set.of("apache/kafka", "redis", "mongo"),
            "prod", Set.of());

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    static Path k8sDir() {
        return Path.of(System.getProperty("socialfeed.k8s.dir", "k8s")).toAbsolutePath();
    }

    static Path readme() {
        return Path.of(System.getProperty("socialfeed.readme", "README.md")).toAbsolutePath();
    }

    static Path workDir() {
        return Path.of(System.getProperty("socialfeed.work.dir", "target/kustomize-work")).toAbsolutePath();
    }

    /** The rendered YAML of an overlay (rendered once per test run). */
    static String render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Overlays::renderFresh);
    }

    static ManifestChecker.Options options(String overlay) {
        return new ManifestChecker.Options(ProjectFacts.version(), externalSecrets(overlay),
                INFRA_IMAGE_REPOS.getOrDefault(overlay, Set.of()));
    }

    static List<String> check(String overlay) {
        return ManifestChecker.check(render(overlay), options(overlay));
    }

    /**
     * external-secrets.txt of an overlay: Secrets the admin creates out of band, with their keys.
     * Format per line: {@code <secret-name> <key> [<key> ...]}; '#' starts a comment.
     */
    static Map<String, Set<String>> externalSecrets(String overlay) {
        Path file = k8sDir().resolve("overlays").resolve(overlay).resolve("external-secrets.txt");
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.replaceFirst("#.*", "").trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length < 2) {
                    throw new AssertionError(file + ": '" + raw + "' names no key; format is <secret-name> <key> [<key> ...]");
                }
                secrets.put(parts[0], new LinkedHashSet<>(List.of(parts).subList(1, parts.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    private static String renderFresh(String overlay) {
        Path source = k8sDir();
        if (!Files.isDirectory(source.resolve("overlays").resolve(overlay))) {
            throw new AssertionError("no overlay " + overlay + " under " + source);
        }
        Path copy = workDir().resolve(overlay + "-" + System.nanoTime());
        copyTree(source, copy);
        if (overlay.equals("dev")) {
            writeThrowawayJwtKeys(copy.resolve("overlays/dev/secrets"));
        }
        try {
            return Kubectl.kustomize(copy.resolve("overlays").resolve(overlay));
        } finally {
            deleteTree(copy);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith(Path.of("overlays", "dev", "secrets"))) {
                    continue; // a developer's own dev keys are not the test's business
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The dev overlay reads its JWT keypair from a git-ignored folder that generate-dev-keys.sh
     * fills. The test makes a throwaway pair in its copy instead; no key is ever committed.
     */
    private static void writeThrowawayJwtKeys(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("jwt-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("jwt-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private Overlays() {
    }
}
