package org.socialfeed.deploy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers "which Service gets this request path?" the way ingress-nginx does with
 * {@code use-regex: "true"}: every path of the host becomes a case-insensitive regex location
 * anchored at the start ({@code location ~* "^path"}), locations are ordered by descending path
 * length, and the first match wins.
 */
final class IngressRouter {

    record Route(Ingress ingress, String path, String service) {
        String annotation(String name) {
            var annotations = ingress.getMetadata().getAnnotations();
            return annotations == null ? null : annotations.get(name);
        }
    }

    private final List<Route> routes = new ArrayList<>();

    IngressRouter(List<Ingress> ingresses, String host) {
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ManifestChecker.nullSafe(ingress.getSpec().getRules())) {
                if (!host.equals(rule.getHost()) || rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    routes.add(new Route(ingress, path.getPath(), path.getBackend().getService().getName()));
                }
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed()
                .thenComparing(Route::path, Comparator.reverseOrder()));
    }

    Optional<Route> route(String requestPath) {
        return routes.stream()
                .filter(r -> Pattern.compile("^" + r.path(), Pattern.CASE_INSENSITIVE).matcher(requestPath).find())
                .findFirst();
    }

    List<Route> routes() {
        return routes;
    }
}
