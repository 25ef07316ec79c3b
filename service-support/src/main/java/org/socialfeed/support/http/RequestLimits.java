package org.socialfeed.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.support.problem.Problem;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Refuses, with the same JSON error body as every other refusal, a request URI longer than
 * {@code social.http-limits.max-uri-length} characters (414), a header block larger than
 * {@code social.http-limits.max-header-size} (431) and a declared body larger than
 * {@code quarkus.http.limits.max-body-size} (413, before the body is read).
 *
 * <p>Vert.x answers a request line or header block over its own limits with an empty 414 or 431 before any route
 * runs, and Quarkus offers no hook for that answer (quarkus#55082). So those transport limits are set well above
 * ours ({@code META-INF/microprofile-config.properties}) and the refusal happens here; only a request beyond them, or
 * a chunked body without a declared length that grows past the body limit, still gets the HTTP layer's bare status.
 */
@ApplicationScoped
public class RequestLimits {

    private final int maxUriLength;
    private final long maxHeaderSize;
    private final long maxBodySize;

    public RequestLimits(
            @ConfigProperty(name = "social.http-limits.max-uri-length", defaultValue = "4096") int maxUriLength,
            @ConfigProperty(name = "social.http-limits.max-header-size", defaultValue = "16K") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUriLength) { // the URI is not repeated back as the instance
            Problem.of(Response.Status.REQUEST_URI_TOO_LONG,
                    "The request URI is longer than " + maxUriLength + " characters", null).send(request);
        } else if (headerSize(request.headers()) > maxHeaderSize) {
            Problem.of(Response.Status.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request headers are larger than " + maxHeaderSize + " bytes", request.path()).send(request);
        } else if (declaredLength(request.getHeader("Content-Length")).orElse(0) > maxBodySize) {
            Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBodySize + " bytes", request.path()).send(request);
        } else {
            context.next();
        }
    }

    /** Counted as on the wire, {@code name: value\r\n}, as the HTTP layer counts its own limit. */
    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
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
