package org.socialfeed.post.status;

import io.quarkus.security.UnauthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated account a request acts as, from its bearer token. */
public record Caller(long id, String username, boolean admin) {

    public static Caller of(JsonWebToken token) {
        long id;
        try {
            id = Long.parseLong(token.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            throw new UnauthorizedException("The token names no account");
        }
        return new Caller(id, token.getName(), token.getGroups().contains("admin"));
    }

    /** The caller's id, or null for an anonymous request. */
    public static Long idOrNull(JsonWebToken token) {
        return token == null || token.getSubject() == null ? null : of(token).id();
    }
}
