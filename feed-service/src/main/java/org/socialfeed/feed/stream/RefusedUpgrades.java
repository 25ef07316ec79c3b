package org.socialfeed.feed.stream;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A WebSocket upgrade without a valid token is refused with 401 by the socket's security check, which then also fails
 * the request; the failure went on to RESTEasy's failure handler, which wrote its own 401 into the response already
 * sent and logged {@code Response has already been written} with a stack trace at ERROR, once per refused upgrade. A
 * failure on the streaming path whose response has ended is done with here.
 */
@ApplicationScoped
public class RefusedUpgrades {

    void register(@Observes Router router) {
        router.route(StreamingSocket.PATH).order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!context.response().ended()) {
                context.next();
            }
        });
    }
}
