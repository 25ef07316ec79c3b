package org.socialfeed.events;

/**
 * Who may see a post, with Mastodon's meanings: {@code public} (everyone), {@code unlisted} (everyone who looks it
 * up, and the author's followers' home timelines, but never a public timeline), {@code private} (the author's
 * followers, and the accounts it mentions) and {@code direct} (only the author and the accounts it mentions).
 */
public enum Visibility {
    PUBLIC, UNLISTED, PRIVATE, DIRECT;

    /** Whether anyone may look the post up and repost it, not only the author's followers or the mentioned. */
    public boolean openToAll() {
        return switch (this) {
            case PUBLIC, UNLISTED -> true;
            case PRIVATE, DIRECT -> false;
        };
    }
}
