package org.socialfeed.user.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.RegistrationRequest;

/** Mastodon's registration: a new account, answered with a token for it, like a login. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class RegistrationResource {

    private final AccountService accounts;
    private final TokenIssuer tokens;

    public RegistrationResource(AccountService accounts, TokenIssuer tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Operation(summary = "Register an account", description = "Returns a token for the new account, as Mastodon "
            + "does. Mastodon's form parameters are accepted as JSON, urlencoded or multipart form. Differs from Mastodon: no app token is needed; display_name may be given at once. Username: "
            + "1-30 letters, digits or underscores, unique ignoring case. Password: 8-128 characters (at most 72 "
            + "bytes), not containing the username, at least 4 different characters.")
    public TokenView register(@Valid @NotNull(message = "a body is required") RegistrationRequest request) {
        return tokens.issue(accounts.register(request));
    }
}
