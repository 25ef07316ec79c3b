package org.socialfeed.support.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CachingJwtParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void remembersATokenUntilItExpiresAndNoLongerThanTheLimit() {
        assertThat(CachingJwtParser.rememberFor(expiringIn(Duration.ofSeconds(90)), NOW))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(CachingJwtParser.rememberFor(expiringIn(Duration.ofHours(24)), NOW))
                .isEqualTo(CachingJwtParser.LONGEST);
    }

    @Test
    void neverRemembersAnExpiredTokenOrOneWithoutExpiry() {
        assertThat(CachingJwtParser.rememberFor(expiringIn(Duration.ofSeconds(-5)), NOW)).isZero();
        assertThat(CachingJwtParser.rememberFor(new DefaultJWTCallerPrincipal(new JwtClaims()), NOW)).isZero();
    }

    private static DefaultJWTCallerPrincipal expiringIn(Duration left) {
        JwtClaims claims = new JwtClaims();
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.plus(left).getEpochSecond()));
        return new DefaultJWTCallerPrincipal(claims);
    }
}
