package org.socialfeed.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.support.problem.Problem;

import java.util.OptionalLong;

/**
 * Answers a request that declares a body above {@code quarkus.http.limits.max-body-size} with a 413 problem document
 * before reading it (the HTTP layer's own 413 has no body). A chunked body without a declared length that grows past
 * the limit still gets the HTTP layer's bare 413.
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final long limit;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                            MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        OptionalLong declared = declaredLength(context.request().getHeader("Content-Length"));
        if (declared.isEmpty() || declared.getAsLong() <= limit) {
            context.next();
            return;
        }
        Problem problem = Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + limit + " bytes", context.request().path());
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    private static OptionalLong declaredLength(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
