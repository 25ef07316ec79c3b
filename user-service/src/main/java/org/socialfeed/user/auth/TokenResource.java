package org.socialfeed.user.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.socialfeed.support.problem.Problem;
import org.socialfeed.support.problem.ProblemExceptionMappers;
import io.vertx.core.http.HttpServerRequest;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.account.AccountService;

import java.time.Duration;
import java.util.Optional;

/**
 * Login. Mastodon issues tokens through OAuth 2 at {@code POST /oauth/token}; this is the same endpoint with the
 * password grant only, and no registered client application is needed. Every failure (unknown account, wrong
 * password, suspended account) gets the same answer after the same bcrypt work, and repeated failures for one
 * username from one address are refused for a while ({@link LoginThrottle}). Refusals carry OAuth 2's {@code error}
 * codes with Doorkeeper's descriptions, as Mastodon's do (RFC 6749, section 5.2).
 */
@Path("/oauth/token")
@Tag(name = "auth")
public class TokenResource {

    /** Compared against when the account does not exist, so both failures take the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password", 10);
    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does "
            + "not match the redirection URI used in the authorization request, or was issued to another client.";
    private static final String INVALID_REQUEST = "The request is missing a required parameter, includes an "
            + "unsupported parameter value, or is otherwise malformed.";
    private static final String UNSUPPORTED_GRANT_TYPE =
            "The authorization grant type is not supported by the authorization server.";

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;

    public TokenResource(AccountRepository accounts, AccountService accountService, TokenIssuer issuer,
                         LoginThrottle throttle) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.issuer = issuer;
        this.throttle = throttle;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with the password grant",
            description = "Mastodon's form parameters (urlencoded or multipart) or JSON. Differs from Mastodon: no "
                    + "client_id/client_secret (ignored if given); the username or the email is accepted.")
    public Response login(@Valid @NotNull(message = "a body is required") PasswordGrant grant,
                          @Context UriInfo uri, @Context HttpServerRequest request) {
        String clientAddress = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Optional<Duration> refused = throttle.refusedFor(grant.username(), clientAddress);
        if (refused.isPresent()) {
            return Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS,
                            "Too many failed logins; try again later", uri.getPath()).toResponse())
                    .header("Retry-After", Math.max(1, refused.get().toSeconds() + 1)).build();
        }
        Account account = accounts.findByLogin(grant.username()).orElse(null);
        String hash = account == null ? DUMMY_HASH : account.passwordHash();
        boolean passwordMatches = BcryptUtil.matches(grant.password(), hash);
        if (account == null || !passwordMatches || account.suspended()) {
            throttle.recordFailure(grant.username(), clientAddress);
            return Problem.of(Response.Status.BAD_REQUEST, "The username or password is incorrect", uri.getPath())
                    .withErrorCode("invalid_grant", INVALID_GRANT).toResponse();
        }
        throttle.reset(grant.username(), clientAddress);
        return Response.ok(issuer.issue(accountService.withConfiguredRoles(account))).build();
    }

    /** OAuth 2 answers a missing or invalid parameter with 400, not the 422 of the rest of the API. */
    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException e, UriInfo uri) {
        Problem problem = ProblemExceptionMappers.validationFailed(Response.Status.BAD_REQUEST, e, uri.getPath());
        boolean otherGrantType = e.getConstraintViolations().stream()
                .anyMatch(v -> v.getConstraintDescriptor().getAnnotation() instanceof Pattern);
        return (otherGrantType ? problem.withErrorCode("unsupported_grant_type", UNSUPPORTED_GRANT_TYPE)
                : problem.withErrorCode("invalid_request", INVALID_REQUEST)).toResponse();
    }
}
