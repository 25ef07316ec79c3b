package org.socialfeed.events;

/** The public face of an account carried inside events, so consumers can render it without calling user-service. */
public record AccountRef(String id, String username, String displayName) {
}
