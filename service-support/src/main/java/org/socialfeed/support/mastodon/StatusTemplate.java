package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Status rendered to JSON once, when a service caches the post, with a gap where the parts that change after that
 * go: the counts (they move with every like) and the reader's own {@code favourited}/{@code reblogged}. Filling the
 * gap copies strings without parsing and writes the very bytes Jackson writes for the whole {@link StatusView}: the
 * counts sit where the record declares them, and the flags are its last fields. A repost's template has its gap
 * where {@code reblog} goes, for the original's filled template.
 * <p>
 * The stored form is {@code <gap offset>|<JSON without the gap>}, so reading it needs no parser either. {@link Utf8}
 * is the same template as UTF-8 bytes, filled without decoding them (home reads).
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

    /**
     * A template as UTF-8 bytes, filled into the bytes of a Status without decoding the JSON into a String and
     * encoding it back: what a home read does with the views Redis returns. Its stored form is the String form's with
     * the gap offset counted in bytes rather than chars ({@link #stored()}); the JSON without the gap is
     * {@code bytes[from, to)}, its gap before {@code bytes[gap]}.
     */
    public static final class Utf8 {

        private static final byte[] REBLOGS_COUNT = ascii("\"reblogs_count\":");
        private static final byte[] FAVOURITES_COUNT = ascii(",\"favourites_count\":");
        private static final byte[] REPLIES_COUNT = ascii(",\"replies_count\":");
        private static final byte[] FAVOURITED = ascii(",\"favourited\":");
        private static final byte[] REBLOGGED = ascii(",\"reblogged\":");
        private static final byte[] TRUE = ascii("true");
        private static final byte[] FALSE = ascii("false");

        private final byte[] bytes;
        private final int from;
        private final int gap;
        private final int to;

        private Utf8(byte[] bytes, int from, int gap, int to) {
            this.bytes = bytes;
            this.from = from;
            this.gap = gap;
            this.to = to;
        }

        /** The UTF-8 form of a template in the String form ({@link #ofStatus}, {@link #ofRepost}). */
        public static Utf8 of(String template) {
            int separator = template.indexOf(SEPARATOR);
            int gap = separator + 1 + Integer.parseInt(template, 0, separator, 10);
            byte[] before = template.substring(separator + 1, gap).getBytes(StandardCharsets.UTF_8);
            byte[] json = template.substring(separator + 1).getBytes(StandardCharsets.UTF_8);
            return new Utf8(json, 0, before.length, json.length);
        }

        /** The template whose stored form ({@link #stored()}) is {@code stored[from, to)}; the bytes are not copied. */
        public static Utf8 read(byte[] stored, int from, int to) {
            int gapOffset = 0;
            int at = from;
            for (; stored[at] != SEPARATOR; at++) {
                gapOffset = gapOffset * 10 + (stored[at] - '0');
            }
            return new Utf8(stored, at + 1, at + 1 + gapOffset, to);
        }

        /** {@code <gap offset in bytes>|<JSON without the gap>}, as a String to be stored UTF-8 encoded. */
        public String stored() {
            return (gap - from) + String.valueOf(SEPARATOR) + new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        /** A post's Status: the template with the counts and, unless null, the reader's flags. */
        public byte[] status(RenderablePost.Interactions interactions) {
            byte[] out = new byte[statusLength(interactions)];
            putStatus(out, 0, interactions);
            return out;
        }

        /**
         * A repost's Status: this repost's template around the original's Status; the repost's flags are the
         * original's, as {@link StatusRendering#repost} shows them.
         */
        public byte[] repost(Utf8 original, RenderablePost.Interactions originalInteractions) {
            byte[] out = new byte[(to - from) + original.statusLength(originalInteractions)
                    + flagsLength(originalInteractions)];
            int at = put(out, 0, bytes, from, gap);
            at = original.putStatus(out, at, originalInteractions);
            putClosed(out, at, originalInteractions);
            return out;
        }

        private int statusLength(RenderablePost.Interactions interactions) {
            return (to - from) + REBLOGS_COUNT.length + digits(interactions.reblogs()) + FAVOURITES_COUNT.length
                    + digits(interactions.favourites()) + REPLIES_COUNT.length + digits(interactions.replies()) + 1
                    + flagsLength(interactions);
        }

        private int putStatus(byte[] out, int at, RenderablePost.Interactions interactions) {
            at = put(out, at, bytes, from, gap);
            at = putNumber(out, put(out, at, REBLOGS_COUNT, 0, REBLOGS_COUNT.length), interactions.reblogs());
            at = putNumber(out, put(out, at, FAVOURITES_COUNT, 0, FAVOURITES_COUNT.length),
                    interactions.favourites());
            at = putNumber(out, put(out, at, REPLIES_COUNT, 0, REPLIES_COUNT.length), interactions.replies());
            out[at++] = ',';
            return putClosed(out, at, interactions);
        }

        /** The rest of the template after its gap, with the flags (if any) before the closing brace. */
        private int putClosed(byte[] out, int at, RenderablePost.Interactions interactions) {
            at = put(out, at, bytes, gap, to - 1);
            at = putFlag(out, at, FAVOURITED, interactions.favourited());
            at = putFlag(out, at, REBLOGGED, interactions.reblogged());
            out[at++] = '}';
            return at;
        }

        private static int flagsLength(RenderablePost.Interactions interactions) {
            return flagLength(FAVOURITED, interactions.favourited()) + flagLength(REBLOGGED, interactions.reblogged());
        }

        private static int flagLength(byte[] name, Boolean flag) {
            return flag == null ? 0 : name.length + (flag ? TRUE.length : FALSE.length);
        }

        private static int putFlag(byte[] out, int at, byte[] name, Boolean flag) {
            if (flag == null) {
                return at;
            }
            byte[] value = flag ? TRUE : FALSE;
            return put(out, put(out, at, name, 0, name.length), value, 0, value.length);
        }

        private static int put(byte[] out, int at, byte[] source, int sourceFrom, int sourceTo) {
            System.arraycopy(source, sourceFrom, out, at, sourceTo - sourceFrom);
            return at + sourceTo - sourceFrom;
        }

        /** How many bytes Jackson writes for the number: its digits, and a minus sign if negative. */
        private static int digits(long number) {
            int digits = number < 0 ? 2 : 1;
            for (long rest = Math.abs(number / 10); rest > 0; rest /= 10) {
                digits++;
            }
            return digits;
        }

        private static int putNumber(byte[] out, int at, long number) {
            int end = at + digits(number);
            if (number < 0) {
                out[at] = '-';
            }
            long rest = number;
            for (int i = end - 1; i >= at + (number < 0 ? 1 : 0); i--) {
                out[i] = (byte) ('0' + Math.abs(rest % 10));
                rest /= 10;
            }
            return end;
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Utf8 that && gap - from == that.gap - that.from
                    && Arrays.equals(bytes, from, to, that.bytes, that.from, that.to);
        }

        @Override
        public int hashCode() {
            int hash = gap - from;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }

        @Override
        public String toString() {
            return stored();
        }
    }
}
