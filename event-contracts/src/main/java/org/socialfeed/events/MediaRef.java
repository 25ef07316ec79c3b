package org.socialfeed.events;

/** A media attachment of a post: where it is, and its description for people who cannot see it. */
public record MediaRef(String id, String type, String url, String description) {
}
