package org.socialfeed.user.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.socialfeed.support.problem.Problem;
import org.socialfeed.user.config.UserServiceConfig;

/**
 * Refuses request bodies above {@code social.http.max-body-bytes} with a 413 error before they are read.
 * (Quarkus's own {@code quarkus.http.limits.max-body-size}, set higher, still guards the transport, but answers
 * with an empty body.) Application-scoped so that its settings are read at run time, not when REST filters are set
 * up during static initialization.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long maxBytes;

    public BodyLimitFilter(UserServiceConfig.Http config) {
        this.maxBytes = config.maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Problem.of(Response.Status.BAD_REQUEST, "Malformed Content-Length", request.getUriInfo().getPath())
                    .toResponse();
        }
        if (bytes > maxBytes) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes", request.getUriInfo().getPath())
                    .toResponse();
        }
        return null;
    }
}
