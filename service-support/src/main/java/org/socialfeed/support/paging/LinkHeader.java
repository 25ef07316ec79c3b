package org.socialfeed.support.paging;

import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The {@code Link} header of a Mastodon page: {@code next} goes to older items ({@code max_id} = last id of the
 * page), {@code prev} to newer ones ({@code min_id} = first id). Absent when the page is empty. The links are the
 * request's URI with its cursors replaced, written straight from the raw URI: the JAX-RS {@code UriBuilder} re-parses
 * and re-encodes the whole URI for each link, a tenth of a home read's CPU.
 */
public final class LinkHeader {

    private static final Set<String> CURSORS = Set.of("max_id", "since_id", "min_id");

    private LinkHeader() {
    }

    /** @param idsNewestFirst the ids of the page as returned, newest first */
    public static String of(UriInfo uri, List<String> idsNewestFirst) {
        return of(uri.getRequestUri(), idsNewestFirst);
    }

    /** @param request the request's absolute URI */
    public static String of(URI request, List<String> idsNewestFirst) {
        if (idsNewestFirst.isEmpty()) {
            return null;
        }
        return "<" + withCursor(request, "max_id", idsNewestFirst.get(idsNewestFirst.size() - 1))
                + ">; rel=\"next\", <" + withCursor(request, "min_id", idsNewestFirst.get(0)) + ">; rel=\"prev\"";
    }

    /** The {@code next} link of a page read oldest first: newer items, after {@code lastId} ({@code min_id}). */
    public static String forward(UriInfo uri, String lastId) {
        return "<" + withCursor(uri.getRequestUri(), "min_id", lastId) + ">; rel=\"next\"";
    }

    /**
     * The request's URI without any cursor, then {@code cursor=id}: the other parameters keep their order and their
     * encoding, as {@code UriBuilder.replaceQueryParam} keeps them.
     */
    static String withCursor(URI request, String cursor, String id) {
        StringBuilder link = new StringBuilder(128).append(request.getScheme()).append("://")
                .append(request.getRawAuthority()).append(request.getRawPath());
        char separator = '?';
        String query = request.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                if (parameter.isEmpty() || CURSORS.contains(equals < 0 ? parameter : parameter.substring(0, equals))) {
                    continue;
                }
                link.append(separator).append(parameter);
                separator = '&';
            }
        }
        return link.append(separator).append(cursor).append('=').append(id).toString();
    }
}
