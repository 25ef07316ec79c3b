package org.socialfeed.support.ratelimit;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.socialfeed.support.problem.Problem;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Per-caller limits on writes to the REST API: an account's writes count against its token's subject, anonymous
 * writes (and writes with a token that does not verify) against the client address. Over the limit, the answer is
 * 429 with {@code Retry-After} in seconds and a JSON error, before the request is read or changes anything.
 * Reads, health and metrics are never limited. The defaults follow Mastodon (300 writes per 5 minutes per account).
 *
 * <p>Settings: {@code social.rate-limit.enabled} (on, except in {@code @QuarkusTest} runs, whose tests write far more
 * from one address than any client; a test that wants the limits sets it to true),
 * {@code social.rate-limit.writes-per-account} (300), {@code social.rate-limit.writes-per-address} (300, anonymous
 * writes per client address), {@code social.rate-limit.window} (5M, in which a bucket refills completely) and
 * {@code social.rate-limit.max-tracked-callers} (100000 per instance; the least recently seen are forgotten).
 */
@Singleton
public class WriteRateLimit {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Response.StatusType TOO_MANY_REQUESTS = Response.Status.TOO_MANY_REQUESTS;

    private final boolean enabled;
    private final CurrentIdentityAssociation identities;
    private final TokenBuckets perAccount;
    private final TokenBuckets perAddress;

    public WriteRateLimit(
            @ConfigProperty(name = "social.rate-limit.enabled") Optional<Boolean> enabled,
            @ConfigProperty(name = "social.rate-limit.writes-per-account", defaultValue = "300") int writesPerAccount,
            @ConfigProperty(name = "social.rate-limit.writes-per-address", defaultValue = "300") int writesPerAddress,
            @ConfigProperty(name = "social.rate-limit.window", defaultValue = "5M") Duration window,
            @ConfigProperty(name = "social.rate-limit.max-tracked-callers", defaultValue = "100000") int maxTracked,
            CurrentIdentityAssociation identities) {
        this.enabled = enabled.orElse(LaunchMode.current() != LaunchMode.TEST);
        this.identities = identities;
        this.perAccount = new TokenBuckets(writesPerAccount, window, maxTracked, System::nanoTime);
        this.perAddress = new TokenBuckets(writesPerAddress, window, maxTracked, System::nanoTime);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Uni<Response> limitWrites(ContainerRequestContext request, HttpServerRequest http) {
        if (!enabled || !WRITES.contains(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull() // an invalid token: the request counts as anonymous, and gets its 401 later
                .map(identity -> {
                    Optional<Duration> wait = account(identity)
                            .map(perAccount::take)
                            .orElseGet(() -> perAddress.take(address(http)));
                    return wait.map(retryAfter -> tooMany(retryAfter, request.getUriInfo().getPath())).orElse(null);
                });
    }

    private static Optional<String> account(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return Optional.of(token.getSubject());
        }
        return Optional.of(identity.getPrincipal().getName());
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private static Response tooMany(Duration retryAfter, String path) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Problem problem = Problem.of(TOO_MANY_REQUESTS,
                "Too many writes; retry after " + seconds + " s", path);
        return Response.fromResponse(problem.toResponse())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }
}
