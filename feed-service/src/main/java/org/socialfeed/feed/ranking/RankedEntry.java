package org.socialfeed.feed.ranking;

import org.socialfeed.ranking.Reason;

import java.util.Locale;

/**
 * One entry of a ranked snapshot, as stored in its Redis list: the timeline entry (or suggested post), its score,
 * why, and what the explanation names.
 *
 * @param detail      for {@link Reason#SOCIAL_PROOF} how many followed accounts liked or reposted it; for
 *                    {@link Reason#AUTHOR_AFFINITY} {@value #ORIGINAL_AUTHOR} when the reposted original's author is
 *                    the one the reader favours, else {@value #POSTER}
 * @param suggested   by an account the reader does not follow, brought in by social proof
 */
record RankedEntry(String entryId, double score, Reason reason, String detail, boolean suggested) {

    static final String POSTER = "poster";
    static final String ORIGINAL_AUTHOR = "original";

    String encode() {
        return String.join(" ", entryId, Double.toString(score), reason.name(), detail.isEmpty() ? "-" : detail,
                suggested ? "1" : "0");
    }

    static RankedEntry decode(String line) {
        String[] parts = line.split(" ");
        return new RankedEntry(parts[0], Double.parseDouble(parts[1]), Reason.valueOf(parts[2]),
                "-".equals(parts[3]) ? "" : parts[3], "1".equals(parts[4]));
    }

    /**
     * The status's JSON with the ranking's extra field before its closing brace: {@code socialfeed_ranking} with the
     * score, the reason, a sentence for people and whether the post is a suggestion (Mastodon clients ignore unknown
     * fields).
     */
    String explain(String statusJson) {
        StringBuilder json = new StringBuilder(statusJson.length() + 160);
        json.append(statusJson, 0, statusJson.length() - 1)
                .append(",\"socialfeed_ranking\":{\"score\":");
        appendFourDecimals(json, score);
        json.append(",\"reason\":\"").append(reason.name().toLowerCase(Locale.ROOT))
                .append("\",\"explanation\":\"").append(sentence(statusJson))
                .append("\",\"suggested\":").append(suggested).append("}}");
        return json.toString();
    }

    /** A non-negative number as {@code %.4f} writes it, without a formatter per status. */
    private static void appendFourDecimals(StringBuilder json, double value) {
        long tenThousandths = Math.round(value * 10_000);
        String decimals = Long.toString(tenThousandths % 10_000);
        json.append(tenThousandths / 10_000).append('.').append("0000", decimals.length(), 4).append(decimals);
    }

    private String sentence(String statusJson) {
        return switch (reason) {
            case AUTHOR_AFFINITY -> "You often interact with @" + acct(statusJson);
            case SOCIAL_PROOF -> "Liked or reposted by " + detail + " account" + ("1".equals(detail) ? "" : "s")
                    + " you follow";
            case EARLY_ENGAGEMENT -> "Popular: many accounts are interacting with it";
            case RECENCY -> suggested ? "Suggested" : "Recent from an account you follow";
        };
    }

    /**
     * The acct of the poster, or of the reposted original's author: the first {@code acct} after the status's start
     * or after {@code "reblog":{}. A JSON string escapes its quotes, so {@code "acct":"} only occurs as a field name.
     */
    private String acct(String statusJson) {
        int from = ORIGINAL_AUTHOR.equals(detail) ? Math.max(0, statusJson.indexOf("\"reblog\":{")) : 0;
        int start = statusJson.indexOf("\"acct\":\"", from) + "\"acct\":\"".length();
        return statusJson.substring(start, statusJson.indexOf('"', start));
    }
}
