package org.socialfeed.user.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.config.UserServiceConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Signs the bearer tokens every service verifies: subject = account id, upn = username, groups = roles, and a
 * {@code kid} header naming the signing key so keys can be rotated. The private key comes from
 * {@code smallrye.jwt.sign.key.location}.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String SCOPES = "read write follow push";

    private final Duration lifetime;
    private final String keyId;

    public TokenIssuer(UserServiceConfig.Auth config) {
        this.lifetime = config.tokenLifetime();
        this.keyId = config.keyId();
    }

    public TokenView issue(Account account) {
        Instant now = Instant.now();
        String token = Jwt.subject(account.idString())
                .upn(account.username())
                .groups(account.roles())
                .claim("scope", SCOPES)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws().keyId(keyId)
                .sign();
        return new TokenView(token, "Bearer", SCOPES, now.getEpochSecond(), lifetime.toSeconds());
    }
}
