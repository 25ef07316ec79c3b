package org.socialfeed.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public routes of the API, read from the Ingress manifest ({@code deploy/k8s/base/ingress.yaml}), which is the
 * one route table: the local router and the cluster route by the same file (ADR 11). A request path goes where
 * ingress-nginx with {@code use-regex} sends it: every path is a case-insensitive regex anchored at the start
 * ({@code location ~* "^path"}), tried longest first, the first match wins.
 */
public final class IngressRoutes {

    /** A path regex of the Ingress and the name of the Service it routes to. */
    public record Route(String path, String service) {
    }

    private record CompiledRoute(Route route, Pattern pattern) {
    }

    private final List<CompiledRoute> routes;

    private IngressRoutes(List<Route> routes) {
        this.routes = routes.stream()
                // ingress-nginx's order: longer paths first; equal lengths in reverse lexical order, as nginx sees them
                .sorted(Comparator.comparingInt((Route r) -> r.path().length()).reversed()
                        .thenComparing(Route::path, Comparator.reverseOrder()))
                .map(r -> new CompiledRoute(r, Pattern.compile("^" + r.path(), Pattern.CASE_INSENSITIVE)))
                .toList();
    }

    public static IngressRoutes of(List<Route> routes) {
        return new IngressRoutes(routes);
    }

    /** Every path of every Ingress in the file (all hosts: locally there is one). */
    public static IngressRoutes read(Path ingressManifest) {
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(ingressManifest.toFile())) {
            return of(documents.readAll().stream()
                    .filter(document -> "Ingress".equals(document.path("kind").asText()))
                    .flatMap(ingress -> ingress.path("spec").path("rules").valueStream())
                    .flatMap(rule -> rule.path("http").path("paths").valueStream())
                    .map(path -> new Route(path.path("path").asText(),
                            path.path("backend").path("service").path("name").asText()))
                    .toList());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the routes of " + ingressManifest + ": " + e.getMessage(), e);
        }
    }

    /** The Ingress manifest of the project, the route table of the cluster and of the local router. */
    public static Path manifestOf(Path projectRoot) {
        return projectRoot.resolve("deploy/k8s/base/ingress.yaml");
    }

    public Optional<Route> route(String requestPath) {
        return routes.stream().filter(r -> r.pattern().matcher(requestPath).find()).map(CompiledRoute::route)
                .findFirst();
    }

    /** In matching order. */
    public List<Route> routes() {
        return routes.stream().map(CompiledRoute::route).toList();
    }
}
