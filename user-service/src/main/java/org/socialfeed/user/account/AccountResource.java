package org.socialfeed.user.account;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.user.auth.TokenIssuer;
import org.socialfeed.user.auth.TokenView;

/** Mastodon's accounts API: register, look up, and the caller's own account. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final JsonWebToken caller;

    public AccountResource(AccountService accounts, TokenIssuer tokens, JsonWebToken caller) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an account", description = "Returns a token for the new account, as Mastodon "
            + "does. Differs from Mastodon: no app token is needed; display_name may be given at once.")
    public TokenView register(@Valid @NotNull(message = "a JSON body is required") RegistrationRequest request) {
        return tokens.issue(accounts.register(request));
    }

    @GET
    @Path("/verify_credentials")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The caller's own account, with its private source fields")
    public AccountView verifyCredentials() {
        Account account = accounts.get(caller.getSubject());
        return AccountViews.of(account).withSource(
                new AccountView.Source(account.note(), "public", false, null, java.util.List.of(), account.email()));
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "Find an account by username (acct)")
    public AccountView lookup(@QueryParam("acct") @NotBlank(message = "is required") String acct) {
        return AccountViews.of(accounts.getByUsername(acct.startsWith("@") ? acct.substring(1) : acct));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An account by id")
    public AccountView get(@PathParam("id") String id) {
        return AccountViews.of(accounts.get(id));
    }
}
