package org.socialfeed.post.http;

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
}
