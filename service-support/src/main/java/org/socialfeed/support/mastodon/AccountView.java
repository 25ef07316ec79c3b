package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.events.AccountRef;

import java.time.Instant;
import java.util.List;

/**
 * Mastodon's Account entity (snake_case, ids as strings). {@code source} appears only for the account's owner.
 * Inside statuses and notifications, services that know an account only from events render it with
 * {@link #summary}: the counters are then left out rather than shown wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String id, String username, String acct,
                          @JsonProperty("display_name") String displayName,
                          boolean locked, boolean bot, boolean group, boolean discoverable,
                          @JsonProperty("created_at") Instant createdAt,
                          String note, String url, String avatar,
                          @JsonProperty("avatar_static") String avatarStatic,
                          String header, @JsonProperty("header_static") String headerStatic,
                          @JsonProperty("followers_count") Long followersCount,
                          @JsonProperty("following_count") Long followingCount,
                          @JsonProperty("statuses_count") Long statusesCount,
                          List<Object> emojis, List<Object> fields, Source source) {

    /** The owner-only part of a CredentialAccount. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String note, String privacy, boolean sensitive, String language, List<Object> fields,
                         String email) {
    }

    /** An account as events describe it: identity and name, no counters. */
    public static AccountView summary(AccountRef account) {
        return new AccountView(account.id(), account.username(), account.username(), account.displayName(), false,
                false, false, true, null, "", null, null, null, null, null, null, null, null, List.of(), List.of(),
                null);
    }

    public AccountView withSource(Source ownerSource) {
        return new AccountView(id, username, acct, displayName, locked, bot, group, discoverable, createdAt, note, url,
                avatar, avatarStatic, header, headerStatic, followersCount, followingCount, statusesCount, emojis,
                fields, ownerSource);
    }
}
