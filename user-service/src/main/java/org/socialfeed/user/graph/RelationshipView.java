package org.socialfeed.user.graph;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Mastodon's Relationship entity: how the caller relates to the account {@code id}. */
public record RelationshipView(String id, boolean following,
                               @JsonProperty("showing_reblogs") boolean showingReblogs,
                               boolean notifying,
                               @JsonProperty("followed_by") boolean followedBy,
                               boolean blocking,
                               @JsonProperty("blocked_by") boolean blockedBy,
                               boolean muting,
                               @JsonProperty("muting_notifications") boolean mutingNotifications,
                               boolean requested,
                               @JsonProperty("requested_by") boolean requestedBy,
                               @JsonProperty("domain_blocking") boolean domainBlocking,
                               boolean endorsed,
                               String note) {
}
