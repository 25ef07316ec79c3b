package org.socialfeed.user.account;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.ProfileField;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An account as stored. Counters are kept on the document so reading them never scans the graph.
 *
 * @param avatar       the avatar image URL, null for none (rendered as Mastodon's placeholder)
 * @param header       the header image URL, null for none
 * @param fields       the profile fields, at most {@link ProfileUpdate#MAX_FIELDS}
 * @param posting      the owner's posting defaults (Mastodon's {@code source} privacy, sensitive, language)
 * @param lastStatusAt the day (UTC) of the latest post, null if the account never posted
 */
public record Account(long id, String username, String email, String passwordHash, String displayName, String note,
                      String avatar, boolean locked, Set<String> roles, boolean suspended, Instant createdAt,
                      long followersCount, long followingCount, long statusesCount,
                      String header, boolean bot, boolean discoverable, List<ProfileField> fields,
                      PostingDefaults posting, LocalDate lastStatusAt) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    /** Mastodon's {@code source} preferences: the visibility, sensitivity and language new posts default to. */
    public record PostingDefaults(String privacy, boolean sensitive, String language) {
        public static final PostingDefaults MASTODON = new PostingDefaults("public", false, null);
    }

    /** A new account, with Mastodon's defaults for everything but its names. */
    public static Account registered(long id, String username, String email, String passwordHash, String displayName,
                                     Set<String> roles, Instant createdAt) {
        return new Account(id, username, email, passwordHash, displayName, "", null, false, roles, false, createdAt,
                0, 0, 0, null, false, true, List.of(), PostingDefaults.MASTODON, null);
    }

    public String idString() {
        return Long.toString(id);
    }

    /** The public profile, as events carry it to the services that render this account. */
    public AccountRef ref() {
        return new AccountRef(idString(), username, displayName, avatar, header, locked, bot, discoverable, createdAt,
                note, fields);
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }
}
