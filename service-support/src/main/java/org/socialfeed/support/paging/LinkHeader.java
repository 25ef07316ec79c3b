package org.socialfeed.support.paging;

import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * The {@code Link} header of a Mastodon page: {@code next} goes to older items ({@code max_id} = last id of the
 * page), {@code prev} to newer ones ({@code min_id} = first id). Absent when the page is empty.
 */
public final class LinkHeader {

    private LinkHeader() {
    }

    /** @param idsNewestFirst the ids of the page as returned, newest first */
    public static String of(UriInfo uri, List<String> idsNewestFirst) {
        if (idsNewestFirst.isEmpty()) {
            return null;
        }
        String next = uri.getRequestUriBuilder()
                .replaceQueryParam("max_id", idsNewestFirst.get(idsNewestFirst.size() - 1))
                .replaceQueryParam("since_id").replaceQueryParam("min_id").build().toString();
        String prev = uri.getRequestUriBuilder()
                .replaceQueryParam("min_id", idsNewestFirst.get(0))
                .replaceQueryParam("max_id").replaceQueryParam("since_id").build().toString();
        return "<" + next + ">; rel=\"next\", <" + prev + ">; rel=\"prev\"";
    }

    /** The {@code next} link of a page read oldest first: newer items, after {@code lastId} ({@code min_id}). */
    public static String forward(UriInfo uri, String lastId) {
        String next = uri.getRequestUriBuilder().replaceQueryParam("min_id", lastId)
                .replaceQueryParam("max_id").replaceQueryParam("since_id").build().toString();
        return "<" + next + ">; rel=\"next\"";
    }
}
