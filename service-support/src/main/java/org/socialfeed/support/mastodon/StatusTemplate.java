package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Status rendered to JSON once, when a service caches the post, with a gap where the parts that change after that
 * go: the counts (they move with every like) and the reader's own {@code favourited}/{@code reblogged}. Filling the
 * gap copies strings without parsing and writes the very bytes Jackson writes for the whole {@link StatusView}: the
 * counts sit where the record declares them, and the flags are its last fields. A repost's template has its gap
 * where {@code reblog} goes, for the original's filled template.
 * <p>
 * The stored form is {@code <gap offset>|<JSON without the gap>}, so reading it needs no parser either.
 */
public final class StatusTemplate {

    private static final String ZERO_COUNTS = "\"reblogs_count\":0,\"favourites_count\":0,\"replies_count\":0,";
    private static final String REBLOG_FIELD = "\"reblog\":";
    private static final String NO_REBLOG = REBLOG_FIELD + "null";
    private static final char SEPARATOR = '|';

    private StatusTemplate() {
    }

    /**
     * The template of a post's Status.
     *
     * @param status rendered with zero counts and no flags ({@code Interactions.counts(0, 0, 0)})
     */
    public static String ofStatus(ObjectMapper json, StatusView status) {
        String rendered = write(json, status);
        return withGap(rendered, find(rendered, ZERO_COUNTS), ZERO_COUNTS.length());
    }

    /**
     * The template of a repost's Status, with the gap where the original goes.
     *
     * @param shell the repost as {@link StatusRendering#repostShell} renders it: no original, no flags
     */
    public static String ofRepost(ObjectMapper json, StatusView shell) {
        String rendered = write(json, shell);
        return withGap(rendered, find(rendered, NO_REBLOG) + REBLOG_FIELD.length(), "null".length());
    }

    /** Appends a post's Status: its template with the counts and, unless null, the reader's flags. */
    public static void appendStatus(StringBuilder out, String template, RenderablePost.Interactions interactions) {
        int separator = template.indexOf(SEPARATOR);
        int gap = separator + 1 + Integer.parseInt(template, 0, separator, 10);
        out.append(template, separator + 1, gap)
                .append("\"reblogs_count\":").append(interactions.reblogs())
                .append(",\"favourites_count\":").append(interactions.favourites())
                .append(",\"replies_count\":").append(interactions.replies()).append(',');
        appendClosed(out, template, gap, interactions);
    }

    /**
     * Appends a repost's Status: its template around the original's Status; the repost's flags are the original's,
     * as {@link StatusRendering#repost} shows them.
     */
    public static void appendRepost(StringBuilder out, String repostTemplate, String originalTemplate,
                                    RenderablePost.Interactions originalInteractions) {
        int separator = repostTemplate.indexOf(SEPARATOR);
        int gap = separator + 1 + Integer.parseInt(repostTemplate, 0, separator, 10);
        out.append(repostTemplate, separator + 1, gap);
        appendStatus(out, originalTemplate, originalInteractions);
        appendClosed(out, repostTemplate, gap, originalInteractions);
    }

    /** The rest of a template after its gap, with the flags (if any) before the closing brace. */
    private static void appendClosed(StringBuilder out, String template, int from,
                                     RenderablePost.Interactions interactions) {
        out.append(template, from, template.length() - 1);
        if (interactions.favourited() != null) {
            out.append(",\"favourited\":").append(interactions.favourited());
        }
        if (interactions.reblogged() != null) {
            out.append(",\"reblogged\":").append(interactions.reblogged());
        }
        out.append('}');
    }

    /** Where a top-level field is: a marker cannot match inside a string, whose quotes are escaped. */
    private static int find(String rendered, String marker) {
        int at = rendered.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("Not a Status without counts or original: " + rendered);
        }
        return at;
    }

    private static String withGap(String rendered, int gap, int cut) {
        return gap + String.valueOf(SEPARATOR) + rendered.substring(0, gap) + rendered.substring(gap + cut);
    }

    private static String write(ObjectMapper json, StatusView status) {
        if (status.favourited() != null || status.reblogged() != null) {
            throw new IllegalArgumentException("A template is rendered without the reader's flags");
        }
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rendering a status failed", e);
        }
    }
}
