package org.socialfeed.events;

import java.time.Instant;
import java.util.List;

/**
 * The public face of an account carried inside events, so consumers can render it without calling user-service:
 * everything Mastodon's Account entity shows except the counters (which change with every post and follow).
 * Records written before 2026-11-27 carry only {@code id}, {@code username} and {@code displayName}: the profile
 * fields after them are trailing and null there ({@link #hasProfile()} tells the two apart).
 *
 * @param avatar    the avatar image URL, null for none
 * @param header    the header image URL, null for none
 * @param createdAt when the account was created; set by every current writer
 * @param fields    the profile fields, in order
 */
public record AccountRef(String id, String username, String displayName,
                         String avatar, String header, Boolean locked, Boolean bot, Boolean discoverable,
                         Instant createdAt, String note, List<ProfileField> fields) {

    /** An account known only by name (a test, or a replica that has not caught up). */
    public AccountRef(String id, String username, String displayName) {
        this(id, username, displayName, null, null, null, null, null, null, null, null);
    }

    /** Whether this carries the whole public profile, not only the names of an older record. */
    public boolean hasProfile() {
        return createdAt != null;
    }

    /** Only who this is (id and names), as a post's mentions carry them. */
    public AccountRef nameOnly() {
        return new AccountRef(id, username, displayName);
    }
}
