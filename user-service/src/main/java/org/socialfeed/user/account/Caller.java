package org.socialfeed.user.account;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.socialfeed.user.account.Account;
import org.socialfeed.user.account.AccountRepository;

/**
 * The account behind the request's bearer token. A valid signature is not enough: the account must still exist and
 * not be suspended, so a suspension takes effect at once for every token already issued (one read by primary key
 * per authenticated request, cached for the request).
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final AccountRepository accounts;
    private Account account;

    public Caller(JsonWebToken token, AccountRepository accounts) {
        this.token = token;
        this.accounts = accounts;
    }

    /** The caller's account; 401 without a valid token, 403 if the account is suspended. */
    public Account account() {
        if (account == null) {
            String subject = token.getSubject();
            if (subject == null) {
                throw new UnauthorizedException();
            }
            Account found;
            try {
                found = accounts.findById(Long.parseLong(subject)).orElseThrow(UnauthorizedException::new);
            } catch (NumberFormatException e) {
                throw new UnauthorizedException();
            }
            if (found.suspended()) {
                throw new ForbiddenException("This account is suspended");
            }
            account = found;
        }
        return account;
    }

    public long id() {
        return account().id();
    }

    /** Whether the request carries a token at all (for endpoints that anonymous readers may call too). */
    public boolean present() {
        return token.getSubject() != null;
    }
}
