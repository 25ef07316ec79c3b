package org.socialfeed.feed.timeline.rest;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.socialfeed.feed.timeline.HomeReader;
import org.socialfeed.redis.RedisOutages;
import org.socialfeed.support.auth.BearerTokens;
import org.socialfeed.support.paging.JsonPage;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.problem.Problem;
import org.socialfeed.support.problem.ProblemExceptionMappers;

import java.util.concurrent.CompletionException;

/**
 * Mastodon's home timeline, {@code GET /api/v1/timelines/home}: the caller's own, never anyone else's. The most
 * called read is a Vert.x route rather than a JAX-RS resource (ADR 32): RESTEasy's per-request work (a CDI request
 * scope, the security interceptors, the body writer) was a fifth of a home read's CPU. What JAX-RS did for it is done
 * here with the same parts: the bearer token is verified by the services' token parser (signature, issuer and expiry,
 * remembered per token), and bad input and failures get the same {@link Problem} bodies. Its OpenAPI entry is in
 * {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class HomeTimelineRoute {

    static final String PATH = "/api/v1/timelines/home";

    private final HomeReader timeline;
    private final JWTParser tokens;

    public HomeTimelineRoute(HomeReader timeline, JWTParser tokens) {
        this.timeline = timeline;
        this.tokens = tokens;
    }

    /** Before JAX-RS's catch-all route, after the filters every request passes (limits, streaming tokens). */
    void register(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::home);
    }

    private void home(RoutingContext context) {
        HttpServerRequest request = context.request();
        String callerId = BearerTokens.subject(tokens, request.getHeader(HttpHeaders.AUTHORIZATION));
        if (callerId == null) {
            request.response().putHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemExceptionMappers.unauthenticated(request.path()).answer(request);
            return;
        }
        PageRequest page;
        try {
            page = PageRequest.parse(request.getParam("max_id"), request.getParam("since_id"),
                    request.getParam("min_id"), request.getParam("limit"));
        } catch (WebApplicationException refused) {
            ProblemExceptionMappers.refusal(refused, request.path()).answer(request);
            return;
        }
        try {
            // served without blocking: on the event loop, then in the Redis client's callbacks
            timeline.read(callerId, page).whenComplete((result, failure) -> {
                if (failure != null) {
                    fail(request, failure instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : failure);
                    return;
                }
                JsonPage.answer(request, result.cursorIds(), result.json());
            });
        } catch (RuntimeException failure) {
            fail(request, failure);
        }
    }

    private static void fail(HttpServerRequest request, Throwable failure) {
        if (RedisOutages.isOutage(failure)) {
            request.response().putHeader(HttpHeaders.RETRY_AFTER, ProblemExceptionMappers.RETRY_AFTER_SECONDS);
            ProblemExceptionMappers.storeUnavailable(failure, request.path()).answer(request);
        } else {
            ProblemExceptionMappers.unexpected(failure, request.path()).answer(request);
        }
    }
}
