package org.socialfeed.events;

/**
 * Who may see a post, with Mastodon's meanings: {@code public} (everyone), {@code unlisted} (everyone who looks it
 * up, and the author's followers' home timelines, but never a public timeline) and {@code private} (the author's
 * followers only).
 */
public enum Visibility {
    PUBLIC, UNLISTED, PRIVATE;

    /** Whether anyone may look the post up and repost it, not only the author's followers. */
    public boolean openToAll() {
        return switch (this) {
            case PUBLIC, UNLISTED -> true;
            case PRIVATE -> false;
        };
    }
}
