package org.socialfeed.feed.post;

import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.mastodon.StatusTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A cached post as home reads use it, stored beside the {@link CachedPost} it is made from: the facts the home policy
 * asks about and the Status rendered once ({@link StatusTemplate.Utf8}), in one value that is read without a JSON
 * parser, from the bytes Redis returns. Lines: id, author, visibility, account replied to, mentioned ids
 * (comma-separated), reposted original, its author (all ASCII), then the template (Jackson escapes line breaks inside
 * JSON strings, so the template is one line).
 *
 * @param inReplyToAccountId null if not a reply
 * @param reblogOfId         the original's id for a repost, else null
 * @param reblogOfAuthorId   the original's author for a repost, else null
 */
public record PostView(String id, String authorId, Visibility visibility, String inReplyToAccountId,
                       Set<String> mentionIds, String reblogOfId, String reblogOfAuthorId,
                       StatusTemplate.Utf8 template) {

    private static final int FACT_LINES = 7;

    /**
     * Who a post is by, stored under its own small key beside the view ({@code RedisKeys.authorship}): what ranking
     * asks of a couple of hundred candidates before it renders twenty, in one {@code MGET}. Lines: id, author,
     * reposted original, its author.
     *
     * @param reblogOfId       the original's id for a repost, else null
     * @param reblogOfAuthorId the original's author for a repost, else null
     */
    public record Authorship(String id, String authorId, String reblogOfId, String reblogOfAuthorId) {

        public String encode() {
            return String.join("\n", id, authorId, orEmpty(reblogOfId), orEmpty(reblogOfAuthorId));
        }

        /** The stored authorship; null for no value (the post is gone or left the cache). */
        public static Authorship decode(String value) {
            if (value == null) {
                return null;
            }
            String[] lines = value.split("\n", -1);
            return new Authorship(lines[0], lines[1], emptyToNull(lines[2]), emptyToNull(lines[3]));
        }

        public boolean isRepost() {
            return reblogOfId != null;
        }

        /** The post a reader sees: the original for a repost. */
        public String shownId() {
            return isRepost() ? reblogOfId : id;
        }
    }

    /** @param template the post's template in {@link StatusTemplate}'s String form */
    public static PostView of(CachedPost post, String template) {
        return new PostView(post.id(), post.authorId(), post.visibility(), post.inReplyToAccountId(),
                idsOf(post.mentions()), post.reblogOfId(), post.reblogOfAuthorId(), StatusTemplate.Utf8.of(template));
    }

    public boolean isRepost() {
        return reblogOfId != null;
    }

    public Authorship authorship() {
        return new Authorship(id, authorId, reblogOfId, reblogOfAuthorId);
    }

    public String encode() {
        return String.join("\n", id, authorId, visibility == null ? "" : visibility.name(), orEmpty(inReplyToAccountId),
                String.join(",", mentionIds), orEmpty(reblogOfId), orEmpty(reblogOfAuthorId), template.stored());
    }

    /** The view from its stored bytes, which its template keeps (not copied). */
    public static PostView decode(byte[] value) {
        String[] facts = new String[FACT_LINES];
        int from = 0;
        for (int line = 0; line < FACT_LINES; line++) {
            int end = from;
            while (value[end] != '\n') {
                end++;
            }
            facts[line] = new String(value, from, end - from, StandardCharsets.ISO_8859_1); // ASCII: a plain copy
            from = end + 1;
        }
        return new PostView(facts[0], facts[1], facts[2].isEmpty() ? Visibility.PUBLIC : Visibility.valueOf(facts[2]),
                emptyToNull(facts[3]), facts[4].isEmpty() ? Set.of() : Set.of(facts[4].split(",")),
                emptyToNull(facts[5]), emptyToNull(facts[6]), StatusTemplate.Utf8.read(value, from, value.length));
    }

    private static Set<String> idsOf(List<AccountRef> accounts) {
        return accounts == null ? Set.of() : Set.copyOf(accounts.stream().map(AccountRef::id).toList());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
