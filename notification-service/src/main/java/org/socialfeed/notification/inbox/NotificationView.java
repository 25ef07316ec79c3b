package org.socialfeed.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.time.Instant;

/** Mastodon's Notification entity (4.3, with {@code group_key}). {@code status} only when about a post. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String id, String type, @JsonProperty("created_at") Instant createdAt,
                               AccountView account, StatusView status,
                               @JsonProperty("group_key") String groupKey,
                               Boolean filtered) {
}
