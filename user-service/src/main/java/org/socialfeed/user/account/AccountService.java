package org.socialfeed.user.account;

import com.mongodb.client.model.Updates;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.NotFoundException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.ProfileField;
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
    private final AccountViews views;

    public AccountService(AccountRepository accounts, UserEventOutbox events, Event<AccountUnlocked> unlocked,
                          UserServiceConfig.Admin config, SnowflakeIds ids, AccountViews views) {
        this.views = views;
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
        Account account = Account.registered(ids.next(), request.username(), request.email().strip(),
                BcryptUtil.bcryptHash(request.password(), BCRYPT_COST), displayName, roles,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
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
        Account changed = changed(owner, update);
        Document stored = AccountRepository.profile(owner);
        List<Bson> changes = AccountRepository.profile(changed).entrySet().stream()
                .filter(field -> !Objects.equals(field.getValue(), stored.get(field.getKey())))
                .map(field -> Updates.set(field.getKey(), field.getValue())).toList();
        if (changes.isEmpty()) {
            return owner;
        }
        OutgoingEvent updated = events.event(Topics.USERS, owner.idString(), UserUpdated.TYPE,
                new UserUpdated(changed.ref(), changed.locked(), Instant.now()));
        Account after = accounts.updateProfile(owner.id(), changes, updated)
                .orElseThrow(() -> new NotFoundException("Record not found"));
        events.publish(accounts.collection(), owner.id(), updated);
        if (owner.locked() && !after.locked()) {
            unlocked.fire(new AccountUnlocked(owner.id()));
            return accounts.findById(owner.id()).orElse(after); // with the followers it just accepted
        }
        return after;
    }

    /** The owner's account with the update applied: what the update leaves out stays, "" clears an image. */
    private static Account changed(Account owner, ProfileUpdate update) {
        ProfileUpdate.SourceUpdate source = update.source();
        Account.PostingDefaults posting = source == null ? owner.posting() : new Account.PostingDefaults(
                Objects.requireNonNullElse(source.privacy(), owner.posting().privacy()),
                Objects.requireNonNullElse(source.sensitive(), owner.posting().sensitive()),
                source.language() == null ? owner.posting().language()
                        : source.language().isEmpty() ? null : source.language());
        List<ProfileField> fields = update.fieldsAttributes() == null ? owner.fields()
                : update.fieldsAttributes().stream().filter(field -> !field.isBlank())
                .map(field -> new ProfileField(strip(field.name()), strip(field.value()), null)).toList();
        return new Account(owner.id(), owner.username(), owner.email(), owner.passwordHash(),
                update.displayName() == null ? owner.displayName() : update.displayName().strip(),
                update.note() == null ? owner.note() : update.note().strip(),
                image(update.avatar(), owner.avatar()),
                Objects.requireNonNullElse(update.locked(), owner.locked()), owner.roles(), owner.suspended(),
                owner.createdAt(), owner.followersCount(), owner.followingCount(), owner.statusesCount(),
                image(update.header(), owner.header()),
                Objects.requireNonNullElse(update.bot(), owner.bot()),
                Objects.requireNonNullElse(update.discoverable(), owner.discoverable()),
                fields, posting, owner.lastStatusAt());
    }

    private static String image(String given, String current) {
        return given == null ? current : given.isBlank() ? null : given.strip();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
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
                views.add(this.views.of(account));
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
