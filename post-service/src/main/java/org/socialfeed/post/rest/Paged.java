package org.socialfeed.post.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.socialfeed.support.paging.LinkHeader;

import java.util.List;

/** A page of results with Mastodon's {@code Link} header. */
public final class Paged {

    private Paged() {
    }

    /** @param idsNewestFirst the paging ids of the page's items, which need not be the items' own ids */
    public static Response of(Object entity, List<String> idsNewestFirst, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(entity);
        String link = LinkHeader.of(uri, idsNewestFirst);
        if (link != null) {
            response.header("Link", link);
        }
        return response.build();
    }

    /** A page read oldest first, with a {@code next} link when more follow after {@code lastId} (else null). */
    public static Response forward(Object entity, String lastId, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(entity);
        if (lastId != null) {
            response.header("Link", LinkHeader.forward(uri, lastId));
        }
        return response.build();
    }
}
