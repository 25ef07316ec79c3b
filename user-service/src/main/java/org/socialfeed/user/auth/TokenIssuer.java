package org.socialfeed.user.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.user.account.Account;

import java.time.Duration;
import java.time.Instant;

/** Signs the bearer tokens every service verifies: subject = account id, groups = roles. */
@ApplicationScoped
public class TokenIssuer {

    public static final String SCOPES = "read write follow push";

    private final Duration lifetime;

    public TokenIssuer(@ConfigProperty(name = "social.auth.token-lifetime") Duration lifetime) {
        this.lifetime = lifetime;
    }

    public TokenView issue(Account account) {
        Instant now = Instant.now();
        String token = Jwt.subject(account.idString())
                .upn(account.username())
                .groups(account.roles())
                .claim("scope", SCOPES)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .sign();
        return new TokenView(token, "Bearer", SCOPES, now.getEpochSecond(), lifetime.toSeconds());
    }
}
