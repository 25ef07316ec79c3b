package org.socialfeed.user.account;

import com.mongodb.client.model.Updates;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.NotFoundException;
import org.bson.conversions.Bson;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.problem.UnprocessableEntity;
import org.socialfeed.user.config.UserServiceConfig;
import org.socialfeed.user.events.UserEventOutbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registration, profile changes, suspension and account look-ups. */
@ApplicationScoped
public class AccountService {

    /** bcrypt work factor: about 50-100 ms a hash on one core, which makes guessing offline slow. */
    private static final int BCRYPT_COST = 10;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private final AccountRepository accounts;
    private final UserEventOutbox events;
    private final Event<AccountUnlocked> unlocked;
    private final Set<String> adminUsernames;
    private final SnowflakeIds ids;

    public AccountService(AccountRepository accounts, UserEventOutbox events, Event<AccountUnlocked> unlocked,
                          UserServiceConfig.Admin config, SnowflakeIds ids) {
        this.accounts = accounts;
        this.events = events;
        this.unlocked = unlocked;
        this.adminUsernames = config.usernames().orElse(List.of()).stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.ids = ids;
    }

    public Account register(RegistrationRequest request) {
        checkPassword(request.username(), request.password());
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        Set<String> roles = new HashSet<>(Set.of(Account.ROLE_USER));
        if (isConfiguredAdmin(request.username())) {
            roles.add(Account.ROLE_ADMIN);
        }
        Account account = new Account(ids.next(), request.username(), request.email().strip(),
                BcryptUtil.bcryptHash(request.password(), BCRYPT_COST), displayName, "", null, false, roles,
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

    /** Gives a username listed in {@code social.admin.usernames} its admin role (at login, for accounts made before). */
    public Account withConfiguredRoles(Account account) {
        if (account.isAdmin() || !isConfiguredAdmin(account.username())) {
            return account;
        }
        accounts.grantRole(account.id(), Account.ROLE_ADMIN);
        return accounts.findById(account.id()).orElse(account);
    }

    /**
     * Changes the owner's profile; fields left null stay as they are. Emits {@code UserUpdated} if anything
     * changed. Unlocking the account accepts its pending follow requests, as Mastodon does.
     */
    public Account updateProfile(Account owner, ProfileUpdate update) {
        List<Bson> changes = new ArrayList<>();
        String displayName = update.displayName() == null ? owner.displayName() : update.displayName().strip();
        String note = update.note() == null ? owner.note() : update.note().strip();
        String avatar = update.avatar() == null ? owner.avatar()
                : update.avatar().isBlank() ? null : update.avatar().strip();
        boolean locked = update.locked() == null ? owner.locked() : update.locked();
        if (!Objects.equals(displayName, owner.displayName())) {
            changes.add(Updates.set("displayName", displayName));
        }
        if (!Objects.equals(note, owner.note())) {
            changes.add(Updates.set("note", note));
        }
        if (!Objects.equals(avatar, owner.avatar())) {
            changes.add(Updates.set("avatar", avatar));
        }
        if (locked != owner.locked()) {
            changes.add(Updates.set("locked", locked));
        }
        if (changes.isEmpty()) {
            return owner;
        }
        OutgoingEvent updated = events.event(Topics.USERS, owner.idString(), UserUpdated.TYPE,
                new UserUpdated(new AccountRef(owner.idString(), owner.username(), displayName),
                        locked, Instant.now()));
        Account after = accounts.updateProfile(owner.id(), changes, updated)
                .orElseThrow(() -> new NotFoundException("Record not found"));
        events.publish(accounts.collection(), owner.id(), updated);
        if (owner.locked() && !after.locked()) {
            unlocked.fire(new AccountUnlocked(owner.id()));
            return accounts.findById(owner.id()).orElse(after); // with the followers it just accepted
        }
        return after;
    }

    /**
     * Suspends or reinstates an account: it can no longer log in or use its tokens, its profile answers 404, and
     * {@code UserSuspended} tells the other services to hide its posts. Idempotent.
     */
    public Account setSuspended(Account admin, String targetId, boolean suspended) {
        Account target = accounts.findById(parseId(targetId)).orElseThrow(() -> new NotFoundException("Record not found"));
        if (target.id() == admin.id()) {
            throw new UnprocessableEntity("You cannot suspend or reinstate your own account");
        }
        OutgoingEvent changed = events.event(Topics.USERS, target.idString(), UserSuspended.TYPE,
                new UserSuspended(target.idString(), suspended, Instant.now()));
        if (accounts.setSuspended(target.id(), suspended, changed)) {
            events.publish(accounts.collection(), target.id(), changed);
        }
        return accounts.findById(target.id()).orElseThrow();
    }

    /** A visible (not suspended) account by id; 404 otherwise, as Mastodon answers for suspended accounts. */
    public Account get(String id) {
        return get(parseId(id));
    }

    public Account get(long id) {
        return accounts.findById(id).filter(account -> !account.suspended())
                .orElseThrow(() -> new NotFoundException("Record not found"));
    }

    public Account getByUsername(String username) {
        return findByUsername(username).orElseThrow(() -> new NotFoundException("Record not found"));
    }

    /** A visible (not suspended) account by username. */
    public Optional<Account> findByUsername(String username) {
        return accounts.findByUsername(username).filter(account -> !account.suspended());
    }

    /**
     * The accounts of {@code idsInOrder} as Mastodon Accounts, in that order, leaving out unknown and suspended
     * ones and those in {@code hidden}: one read for a whole page of a list.
     */
    public List<AccountView> visibleViews(List<Long> idsInOrder, Set<Long> hidden) {
        Map<Long, Account> byId = accounts.findByIds(idsInOrder).stream()
                .collect(Collectors.toMap(Account::id, Function.identity()));
        List<AccountView> views = new ArrayList<>();
        for (long id : idsInOrder) {
            Account account = byId.get(id);
            if (account != null && !account.suspended() && !hidden.contains(id)) {
                views.add(AccountViews.of(account));
            }
        }
        return views;
    }

    /** Ids in paths are numbers; anything else names no account. */
    public static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Record not found");
        }
    }

    private boolean isConfiguredAdmin(String username) {
        return adminUsernames.contains(username.toLowerCase(Locale.ROOT));
    }

    private static void checkPassword(String username, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw new UnprocessableEntity("password: must be at most " + BCRYPT_MAX_BYTES + " bytes");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new UnprocessableEntity("password: must not contain the username");
        }
        if (password.chars().distinct().count() < 4) {
            throw new UnprocessableEntity("password: is too simple");
        }
    }
}
