package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Mastodon's Account entity (snake_case, ids as strings), rendered by {@link StatusRendering#account}.
 * {@code source} appears only for the account's owner. The counters and {@code last_status_at} are known only to
 * user-service: accounts embedded in statuses and notifications leave them out rather than show wrong numbers.
 *
 * @param lastStatusAt the day of the latest post; absent when not known (embedded accounts), an empty Optional
 *                     (JSON null) when the account never posted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String id, String username, String acct,
                          @JsonProperty("display_name") String displayName,
                          boolean locked, boolean bot, boolean discoverable, boolean group,
                          @JsonProperty("created_at") Instant createdAt,
                          String note, String url, String uri, String avatar,
                          @JsonProperty("avatar_static") String avatarStatic,
                          String header, @JsonProperty("header_static") String headerStatic,
                          @JsonProperty("followers_count") Long followersCount,
                          @JsonProperty("following_count") Long followingCount,
                          @JsonProperty("statuses_count") Long statusesCount,
                          @JsonProperty("last_status_at") Optional<LocalDate> lastStatusAt,
                          List<Object> emojis, List<Field> fields, Source source) {

    /** A profile field, Mastodon's Field. {@code verified_at} is null: links are not verified here. */
    public record Field(String name, String value,
                        @JsonProperty("verified_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant verifiedAt) {
    }

    /** The owner-only part of a CredentialAccount. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String note, String privacy, boolean sensitive,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String language, List<Field> fields,
                         String email) {
    }

    /** This account with what only the account's own service knows: its counters. */
    public AccountView withCounters(long followers, long following, long statuses, LocalDate lastStatusDay) {
        return new AccountView(id, username, acct, displayName, locked, bot, discoverable, group, createdAt, note, url,
                uri, avatar, avatarStatic, header, headerStatic, followers, following, statuses,
                Optional.ofNullable(lastStatusDay), emojis, fields, source);
    }

    public AccountView withSource(Source ownerSource) {
        return new AccountView(id, username, acct, displayName, locked, bot, discoverable, group, createdAt, note, url,
                uri, avatar, avatarStatic, header, headerStatic, followersCount, followingCount, statusesCount,
                lastStatusAt, emojis, fields, ownerSource);
    }
}
