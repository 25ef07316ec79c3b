package org.socialfeed.user.account;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.paging.LinkHeader;

import java.util.List;

/**
 * A page of accounts listed by the id of the record that put them there (the follow, the block, the mute), as
 * Mastodon pages followers, blocks and mutes. {@code cursorsNewestFirst} are those record ids for the whole page
 * read, including accounts left out of {@code accounts} (suspended, hidden), so the Link header never skips.
 */
public record AccountPage(List<AccountView> accounts, List<String> cursorsNewestFirst) {

    public Response toResponse(UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(accounts);
        String link = LinkHeader.of(uri, cursorsNewestFirst);
        if (link != null) {
            response.header("Link", link);
        }
        return response.build();
    }
}
