package org.socialfeed.user.account;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.mastodon.AccountView;

/** Mastodon's accounts API: look up, and the caller's own account (registration: {@code auth/RegistrationResource}). */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;
    private final AccountViews views;

    public AccountResource(AccountService accounts, Caller caller, AccountViews views) {
        this.accounts = accounts;
        this.views = views;
        this.caller = caller;
    }

    @GET
    @Path("/verify_credentials")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The caller's own account (\"me\"), with its private source fields")
    public AccountView verifyCredentials() {
        return views.credentials(caller.account());
    }

    @PATCH
    @Path("/update_credentials")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Change the caller's own profile",
            description = "Mastodon's form parameters as JSON, urlencoded or multipart form: display_name, note, "
                    + "avatar, header, locked, bot, discoverable, fields_attributes (at most 4, name and value up to "
                    + "255 characters each, as an array or Rails' hash keyed by index, fields_attributes[0][name]; "
                    + "they replace all fields, blank ones are dropped), source[privacy] (public, unlisted, private), "
                    + "source[sensitive], source[language] (ISO 639-1, empty for none). Differs from Mastodon: avatar "
                    + "and header are http(s) URLs of images hosted elsewhere, not uploads (an empty string removes "
                    + "one); a file part (avatar, header uploads) is refused with 422; the source posting defaults "
                    + "are only kept for apps to read (post-service does not apply them). Setting locked=false "
                    + "accepts the pending follow requests.")
    public AccountView updateCredentials(@Valid @NotNull(message = "a body is required") ProfileUpdate update) {
        return views.credentials(accounts.updateProfile(caller.account(), update));
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "Find an account by username (acct)", description = "Suspended accounts answer 404.")
    public AccountView lookup(@QueryParam("acct") @NotBlank(message = "is required")
                              @Size(max = 64, message = "is too long") String acct) {
        return views.of(accounts.getByUsername(acct.startsWith("@") ? acct.substring(1) : acct));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An account by id", description = "Suspended accounts answer 404, as in Mastodon. "
            + "Mastodon's Account: created_at is the day (midnight UTC) and last_status_at the day of the latest "
            + "post, as Mastodon shows them; an account without avatar or header gets Mastodon's missing.png "
            + "placeholders under the public URL. Differs from Mastodon: fields are never verified (verified_at "
            + "null), emojis is empty. Accounts embedded in statuses and notifications are this same rendering "
            + "without the counters and last_status_at.")
    public AccountView get(@PathParam("id") String id) {
        return views.of(accounts.get(id));
    }
}
