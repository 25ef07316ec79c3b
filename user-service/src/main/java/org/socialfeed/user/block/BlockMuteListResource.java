package org.socialfeed.user.block;

import org.socialfeed.user.graph.SwitchStore;
import org.socialfeed.user.graph.BlockMuteStores;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.paging.PageRequest;
import org.socialfeed.user.account.AccountPage;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.Caller;

import java.util.List;
import java.util.Set;

/** The caller's lists of blocked and muted accounts (Mastodon's {@code GET /api/v1/blocks} and {@code /mutes}). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "blocks and mutes")
public class BlockMuteListResource {

    private final BlockMuteStores stores;
    private final AccountService accounts;
    private final Caller caller;

    public BlockMuteListResource(BlockMuteStores stores, AccountService accounts, Caller caller) {
        this.stores = stores;
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/blocks")
    @Operation(summary = "Accounts the caller blocks, newest block first", description = "Paged with a Link header.")
    public Response blocks(@QueryParam("max_id") String maxId, @QueryParam("since_id") String sinceId,
                           @QueryParam("min_id") String minId, @QueryParam("limit") String limit,
                           @Context UriInfo uri) {
        return list(stores.blocks(), PageRequest.parse(maxId, sinceId, minId, limit)).toResponse(uri);
    }

    @GET
    @Path("/mutes")
    @Operation(summary = "Accounts the caller mutes, newest mute first", description = "Paged with a Link header.")
    public Response mutes(@QueryParam("max_id") String maxId, @QueryParam("since_id") String sinceId,
                          @QueryParam("min_id") String minId, @QueryParam("limit") String limit,
                          @Context UriInfo uri) {
        return list(stores.mutes(), PageRequest.parse(maxId, sinceId, minId, limit)).toResponse(uri);
    }

    private AccountPage list(SwitchStore store, PageRequest page) {
        List<Document> found = store.page(caller.id(), page);
        List<Long> targets = found.stream().map(document -> document.getLong("targetId")).toList();
        return new AccountPage(accounts.visibleViews(targets, Set.of()),
                found.stream().map(document -> document.get("seq").toString()).toList());
    }
}
