package org.socialfeed.support.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mastodon's streaming API takes the token where a browser can put it: an {@code EventSource} cannot set headers,
 * so it sends {@code ?access_token=}, and a {@code WebSocket} sends it as {@code Sec-WebSocket-Protocol}. On
 * {@code /api/v1/streaming} paths without an {@code Authorization} header, this moves the token there before
 * authentication runs, so it is verified exactly like a header token (smallrye-jwt, {@link CachingJwtParser}).
 * The order is Mastodon's: the header, then the query parameter, then the subprotocol.
 */
@ApplicationScoped
public class StreamingAccessToken {

    static final String STREAMING_PATH = "/api/v1/streaming";

    void register(@Observes Filters filters) {
        filters.register(StreamingAccessToken::moveToAuthorizationHeader, SecurityHandlerPriorities.AUTHENTICATION + 1);
    }

    static void moveToAuthorizationHeader(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path != null && path.startsWith(STREAMING_PATH) && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            String token = request.getParam("access_token");
            if (token == null || token.isBlank()) {
                token = request.getHeader("Sec-WebSocket-Protocol");
            }
            if (token != null && !token.isBlank()) {
                request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.trim());
            }
        }
        context.next();
    }
}
