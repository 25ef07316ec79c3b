package org.socialfeed.support.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The caller of a request that a Vert.x route serves without JAX-RS's security (ADR 32): the subject of its bearer
 * token, verified by the same parser as every other request ({@link CachingJwtParser}: signature, issuer, expiry).
 */
public final class BearerTokens {

    private static final String BEARER = "Bearer ";

    private BearerTokens() {
    }

    /** The subject of a valid bearer token in {@code authorization}; null for no token or one that fails. */
    public static String subject(JWTParser tokens, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        try {
            return tokens.parse(authorization.substring(BEARER.length()).trim()).getSubject();
        } catch (ParseException invalid) {
            return null;
        }
    }
}
