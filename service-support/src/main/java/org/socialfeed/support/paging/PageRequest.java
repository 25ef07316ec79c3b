package org.socialfeed.support.paging;

import jakarta.ws.rs.BadRequestException;

/**
 * Mastodon's cursor parameters. {@code max_id}: older than this id; {@code since_id}: newer than this id, newest
 * first; {@code min_id}: newer than this id, the page just above it (for walking forward). Ids are exclusive.
 */
public record PageRequest(Long maxId, Long sinceId, Long minId, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 40;

    /** Parses the raw query parameters; a malformed cursor is the client's error (400), a large limit is capped. */
    public static PageRequest parse(String maxId, String sinceId, String minId, String limit) {
        return parse(maxId, sinceId, minId, limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static PageRequest parse(String maxId, String sinceId, String minId, String limit, int defaultLimit,
                                    int maxLimit) {
        return new PageRequest(cursor("max_id", maxId), cursor("since_id", sinceId), cursor("min_id", minId),
                limit(limit, defaultLimit, maxLimit));
    }

    /**
     * Mastodon's {@code limit} parameter: {@code defaultLimit} when absent, capped at {@code maxLimit} as Mastodon
     * caps it; anything but a whole number of at least 1 is the client's error (400).
     */
    public static int limit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit must be a whole number");
        }
        if (parsed < 1) {
            throw new BadRequestException("limit must be at least 1");
        }
        return Math.min(parsed, maxLimit);
    }

    /** The lowest id (exclusive) a page may contain: since_id or min_id, whichever the client gave. */
    public long lowerBound() {
        long lower = 0;
        if (sinceId != null) {
            lower = sinceId;
        }
        if (minId != null) {
            lower = Math.max(lower, minId);
        }
        return lower;
    }

    /** The highest id (exclusive) a page may contain. */
    public long upperBound() {
        return maxId == null ? Long.MAX_VALUE : maxId;
    }

    /** min_id asks for the page right above the cursor, so the store reads upward from it. */
    public boolean readsUpward() {
        return minId != null;
    }

    private static Long cursor(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 0) {
                throw new BadRequestException(name + " must be an id");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be an id, got '" + value + "'");
        }
    }
}
