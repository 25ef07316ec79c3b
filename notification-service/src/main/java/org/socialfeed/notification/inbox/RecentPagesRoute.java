package org.socialfeed.notification.inbox;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.socialfeed.support.auth.BearerTokens;
import org.socialfeed.support.paging.JsonPage;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.support.problem.Problem;

import java.util.concurrent.CompletionStage;

/**
 * The notification lists' fast path (ADR 33): {@code GET /api/v1/notifications} and {@code /api/v2/notifications}
 * answered from the Redis read model by a Vert.x route, without RESTEasy's per-request work (the CDI request scope,
 * the security interceptors, the Mutiny chain). It answers only what it can answer exactly as the JAX-RS resources
 * do; everything else passes on to them unchanged ({@link RoutingContext#next}): no token or an invalid one (their
 * 401), parameters they would refuse (their 400), an {@code Accept} without JSON (their 406),
 * {@code include_filtered}, a page the read model misses (read from MongoDB there) or a Redis failure. The resources
 * stay the endpoints' definition, with their OpenAPI entries.
 */
@ApplicationScoped
public class RecentPagesRoute {

    /** A read of one kind of page from the model, as {@link RecentPages#page} and {@link RecentPages#groups}. */
    private interface PageRead {
        CompletionStage<RecentPages.Read> read(String recipientId, NotificationQuery query, PageRequest page);
    }

    private final RecentPages recentPages;
    private final JWTParser tokens;

    public RecentPagesRoute(RecentPages recentPages, JWTParser tokens) {
        this.recentPages = recentPages;
        this.tokens = tokens;
    }

    /** Before JAX-RS's catch-all route, after the filters every request passes (limits, streaming tokens). */
    void register(@Observes Router router) {
        router.get(NotificationResource.PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> serve(context, recentPages::page));
        router.get(GroupedNotificationResource.PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> serve(context, recentPages::groups));
    }

    private void serve(RoutingContext context, PageRead model) {
        HttpServerRequest request = context.request();
        String callerId = BearerTokens.subject(tokens, request.getHeader(HttpHeaders.AUTHORIZATION));
        MultiMap params = request.params();
        if (callerId == null || params.contains(NotificationParams.INCLUDE_FILTERED)
                || !Problem.acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            context.next();
            return;
        }
        NotificationQuery filters;
        PageRequest page;
        try {
            filters = NotificationFilters.clientFilters(params.getAll(NotificationFilters.TYPES),
                    params.getAll(NotificationFilters.EXCLUDE_TYPES), params.get(NotificationFilters.ACCOUNT_ID),
                    false);
            page = PageRequest.parse(params.get("max_id"), params.get("since_id"), params.get("min_id"),
                    params.get("limit"));
        } catch (WebApplicationException refused) {
            context.next();
            return;
        }
        Context routing = Vertx.currentContext();
        CompletionStage<RecentPages.Read> answer;
        try {
            answer = model.read(callerId, filters, page);
        } catch (RuntimeException failure) {
            context.next(); // the resource reads again, and MongoDB if Redis fails
            return;
        }
        answer.whenComplete((read, failure) -> {
            if (failure != null || !read.served()) {
                routing.runOnContext(passOn -> context.next()); // routing goes on where it started
                return;
            }
            recentPages.countServedByRedis();
            JsonPage.answer(request, read.ids(), Buffer.buffer(read.json()));
        });
    }
}
