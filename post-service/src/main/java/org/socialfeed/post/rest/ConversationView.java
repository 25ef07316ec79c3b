package org.socialfeed.post.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.util.List;

/** Mastodon's Conversation entity: the other participants and the last post. */
public record ConversationView(String id, boolean unread, List<AccountView> accounts,
                               @JsonProperty("last_status") StatusView lastStatus) {
}
