package org.socialfeed.support.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every {@link Problem} answered through JAX-RS (exception mappers, request filters, resources) the media type
 * the client asked for, so no code that builds one has to look at {@code Accept}.
 */
public class ProblemMediaType {

    @ServerResponseFilter
    public void negotiate(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE,
                    Problem.mediaTypeFor(request.getHeaderString(HttpHeaders.ACCEPT)));
        }
    }
}
