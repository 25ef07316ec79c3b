package org.socialfeed.feed.ranking.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.feed.ranking.RankedReader;
import org.socialfeed.support.paging.PageRequest;

import java.util.concurrent.CompletionStage;

/** The caller's home timeline ranked by their own signals (ADR 21); the chronological one is Mastodon's path. */
@Path("/api/v1/timelines/home/ranked")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "timelines")
public class RankedTimelineResource {

    private final RankedReader ranked;
    private final JsonWebToken caller;

    public RankedTimelineResource(RankedReader ranked, JsonWebToken caller) {
        this.ranked = ranked;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's home timeline, ranked for them (not in Mastodon)",
            description = "The statuses of GET /api/v1/timelines/home (the same accounts, the same rules of who sees "
                    + "what, the same rendering), ordered by what the caller is likely to engage with: their affinity "
                    + "to each author (their likes, reposts, replies and mentions, decaying with a 30-day half-life), "
                    + "posts liked or reposted by accounts they follow, early engagement and recency. Posts of "
                    + "accounts the caller does not follow are suggested when at least two accounts they follow "
                    + "liked or reposted them (public posts only; suggestions=false leaves them out). Differences "
                    + "from Mastodon, which has no ranked timeline: each status carries an extra field "
                    + "socialfeed_ranking {score, reason (author_affinity, social_proof, early_engagement or recency), "
                    + "explanation (a sentence such as 'You often interact with @alice'), suggested (true for a post "
                    + "of an account the caller does not follow)} that Mastodon clients ignore; the first request "
                    + "ranks a snapshot of the newest 200 entries and the Link header's next URL pages through it "
                    + "(max_id is an opaque cursor, valid for 30 minutes and until the caller's next new ranking, "
                    + "then 410), so paging never repeats or "
                    + "skips a status; there is no prev link, and since_id and min_id are refused (400): newer posts "
                    + "come with a new ranking. A first request within 5 seconds (counts-max-age) of the last "
                    + "ranking, with nothing it is ranked from changed (no new entry, signal, block or mute), gets "
                    + "that ranking again, under the same cursor.")
    public CompletionStage<Response> ranked(
            @Parameter(description = "the cursor from the Link header's next URL; absent for a new ranking")
            @QueryParam("max_id") String cursor,
            @QueryParam("since_id") String sinceId, @QueryParam("min_id") String minId,
            @Parameter(description = "statuses per page, default 20, at most 40") @QueryParam("limit") String limit,
            @Parameter(description = "false leaves out posts of accounts the caller does not follow")
            @QueryParam("suggestions") String suggestions,
            @Context UriInfo uri) {
        if (present(sinceId) || present(minId)) {
            throw new BadRequestException("since_id and min_id do not apply to the ranked timeline: rank anew");
        }
        int pageSize = PageRequest.limit(limit, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        boolean suggesting = flag("suggestions", suggestions);
        // served without blocking: on the event loop, then in the Redis client's callbacks
        return ranked.read(caller.getSubject(), present(cursor) ? cursor.trim() : null, pageSize, suggesting)
                .thenApply(page -> {
                    Response.ResponseBuilder response = Response.ok(page.json());
                    if (page.nextCursor() != null) {
                        response.header(HttpHeaders.LINK, "<" + uri.getRequestUriBuilder()
                                .replaceQueryParam("max_id", page.nextCursor()).build() + ">; rel=\"next\"");
                    }
                    return response.build();
                });
    }

    /** A boolean parameter as Mastodon reads them: true when absent, else true or false. */
    private static boolean flag(String name, String value) {
        if (!present(value) || value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadRequestException(name + " must be true or false");
    }

    private static boolean present(String parameter) {
        return parameter != null && !parameter.isBlank();
    }
}
