package org.socialfeed.feed.stream;

/**
 * One message on the live channel: {@code scope|target|kind|entryId}, where scope {@code u} addresses one user's
 * streams and {@code a} the streams of an author's followers (and the author). The kinds are the names of
 * Mastodon's streaming events.
 */
public record LiveEvent(boolean forAuthor, String target, String kind, String entryId) {

    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    /** An edited status; only followers' and the author's streams hear of it (not those that saw it reposted). */
    public static final String STATUS_UPDATE = "status.update";

    public static LiveEvent forUser(String userId, String kind, String entryId) {
        return new LiveEvent(false, userId, kind, entryId);
    }

    public static LiveEvent forAuthor(String authorId, String kind, String entryId) {
        return new LiveEvent(true, authorId, kind, entryId);
    }

    public String encode() {
        return (forAuthor ? "a" : "u") + "|" + target + "|" + kind + "|" + entryId;
    }

    /** Null for a message this version does not understand. */
    public static LiveEvent decode(String message) {
        String[] parts = message.split("\\|");
        if (parts.length != 4) {
            return null;
        }
        return new LiveEvent("a".equals(parts[0]), parts[1], parts[2], parts[3]);
    }
}
