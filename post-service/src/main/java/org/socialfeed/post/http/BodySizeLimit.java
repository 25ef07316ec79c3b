package org.socialfeed.post.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.support.problem.Problem;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} before it is read,
 * with a 413 problem document instead of the HTTP layer's bare status.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBodySize;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            if (declared != null && isLarger(declared)) {
                String detail = "The request body is larger than " + maxBodySize + " bytes";
                Problem problem = new Problem("about:blank", "Content Too Large", 413, detail,
                        context.request().path(), detail, null);
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(Json.encode(problem));
                return;
            }
            context.next();
        });
    }

    private boolean isLarger(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
