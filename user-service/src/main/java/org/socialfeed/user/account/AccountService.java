package org.socialfeed.user.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.problem.UnprocessableEntity;
import org.socialfeed.user.events.UserEventOutbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Registration and account look-ups. */
@ApplicationScoped
public class AccountService {

    /** bcrypt work factor: about 50-100 ms a hash on one core, which makes guessing offline slow. */
    private static final int BCRYPT_COST = 10;

    private final AccountRepository accounts;
    private final UserEventOutbox events;
    private final SnowflakeIds ids = new SnowflakeIds();

    public AccountService(AccountRepository accounts, UserEventOutbox events) {
        this.accounts = accounts;
        this.events = events;
    }

    public Account register(RegistrationRequest request) {
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        Account account = new Account(ids.next(), request.username(), request.email().strip(),
                BcryptUtil.bcryptHash(request.password(), BCRYPT_COST), displayName, "", false, Set.of("user"),
                false, Instant.now().truncatedTo(ChronoUnit.MILLIS), 0, 0, 0);
        OutgoingEvent registered = events.event(Topics.USERS, account.idString(), UserRegistered.TYPE,
                new UserRegistered(account.ref(), account.locked(), account.createdAt()));
        if (!accounts.insert(account, List.of(registered))) {
            boolean usernameTaken = accounts.findByUsername(account.username()).isPresent();
            throw new UnprocessableEntity(usernameTaken ? "Username has already been taken"
                    : "Email has already been taken");
        }
        events.publish(accounts.collection(), account.id(), registered);
        return account;
    }

    public Account get(String id) {
        return accounts.findById(parseId(id)).filter(account -> !account.suspended())
                .orElseThrow(() -> new NotFoundException("Record not found"));
    }

    public Account getByUsername(String username) {
        return accounts.findByUsername(username).filter(account -> !account.suspended())
                .orElseThrow(() -> new NotFoundException("Record not found"));
    }

    /** Ids in paths are numbers; anything else names no account. */
    public static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Record not found");
        }
    }
}
