package org.socialfeed.support.paging;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;

import java.net.URI;
import java.util.List;

/**
 * A page of a Mastodon list answered by a Vert.x route (ADR 32, 33): the JSON, and the {@code Link} header the JAX-RS
 * resources write for the same page ({@link LinkHeader}).
 */
public final class JsonPage {

    private static final String JSON = "application/json;charset=UTF-8";

    private JsonPage() {
    }

    /** Answers {@code request} with {@code json}, linking the pages around the one {@code idsNewestFirst} covers. */
    public static void answer(HttpServerRequest request, List<String> idsNewestFirst, Buffer json) {
        String link = LinkHeader.of(URI.create(request.absoluteURI()), idsNewestFirst);
        if (link != null) {
            request.response().putHeader(HttpHeaders.LINK, link);
        }
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
    }
}
