package org.socialfeed.user.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.AccountViews;
import org.socialfeed.user.account.Caller;

/**
 * The part of Mastodon's admin API this service has: suspending and reinstating accounts. Only for the "admin" role,
 * which the token must carry and the account must still have.
 */
@Path("/api/v1/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Account.ROLE_ADMIN)
@SecurityRequirement(name = "jwt")
@Tag(name = "admin")
public class AdminResource {

    private final AccountService accounts;
    private final Caller caller;
    private final AccountViews views;

    public AdminResource(AccountService accounts, Caller caller, AccountViews views) {
        this.accounts = accounts;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/action")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend an account (admin)", description = "Body {\"type\":\"suspend\"}. The account can no "
            + "longer log in, its tokens stop working, its profile answers 404, and UserSuspended makes the other "
            + "services drop its posts from timelines. Idempotent. Differs from Mastodon: only 'suspend' is "
            + "supported, and the answer is the Admin::Account instead of an empty object.")
    public AdminAccountView act(@PathParam("id") String id,
                                @Valid @NotNull(message = "a JSON body is required") AdminAction action) {
        return view(accounts.setSuspended(admin(), id, true));
    }

    @POST
    @Path("/{id}/unsuspend")
    @Operation(summary = "Lift an account's suspension (admin)", description = "Idempotent.")
    public AdminAccountView unsuspend(@PathParam("id") String id) {
        return view(accounts.setSuspended(admin(), id, false));
    }

    private Account admin() {
        Account admin = caller.account();
        if (!admin.isAdmin()) {
            throw new ForbiddenException("This action is not allowed for this account");
        }
        return admin;
    }

    private AdminAccountView view(Account account) {
        return AdminAccountView.of(account, views.of(account));
    }
}
