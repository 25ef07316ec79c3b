package org.socialfeed.user.account;

import org.socialfeed.events.AccountRef;

import java.time.Instant;
import java.util.Set;

/** An account as stored. Counters are kept on the document so reading them never scans the graph. */
public record Account(long id, String username, String email, String passwordHash, String displayName, String note,
                      String avatar, boolean locked, Set<String> roles, boolean suspended, Instant createdAt,
                      long followersCount, long followingCount, long statusesCount) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    public String idString() {
        return Long.toString(id);
    }

    public AccountRef ref() {
        return new AccountRef(idString(), username, displayName);
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }
}
