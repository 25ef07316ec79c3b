package org.socialfeed.user.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** Mastodon's Account entity (snake_case, ids as strings). {@code source} only for the account's owner. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String id, String username, String acct,
                          @JsonProperty("display_name") String displayName,
                          boolean locked, boolean bot, boolean group, boolean discoverable,
                          @JsonProperty("created_at") Instant createdAt,
                          String note, String url, String avatar,
                          @JsonProperty("avatar_static") String avatarStatic,
                          String header, @JsonProperty("header_static") String headerStatic,
                          @JsonProperty("followers_count") long followersCount,
                          @JsonProperty("following_count") long followingCount,
                          @JsonProperty("statuses_count") long statusesCount,
                          List<Object> emojis, List<Object> fields, Source source) {

    /** The owner-only part of a CredentialAccount. */
    public record Source(String note, String privacy, boolean sensitive, String language, List<Object> fields,
                         String email) {
    }

    public static AccountView of(Account account) {
        return new AccountView(account.idString(), account.username(), account.username(), account.displayName(),
                account.locked(), false, false, true, account.createdAt(), account.note(), null, null, null, null,
                null, account.followersCount(), account.followingCount(), account.statusesCount(), List.of(),
                List.of(), null);
    }

    public static AccountView withCredentials(Account account) {
        AccountView view = of(account);
        return new AccountView(view.id, view.username, view.acct, view.displayName, view.locked, view.bot, view.group,
                view.discoverable, view.createdAt, view.note, view.url, view.avatar, view.avatarStatic, view.header,
                view.headerStatic, view.followersCount, view.followingCount, view.statusesCount, view.emojis,
                view.fields, new Source(account.note(), "public", false, null, List.of(), account.email()));
    }
}
