package org.socialfeed.events;

/** Who may see a post: everyone, or the author's followers only (Mastodon's {@code public} and {@code private}). */
public enum Visibility {
    PUBLIC, PRIVATE
}
