package org.socialfeed.post.status.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain text of a post and what it refers to: {@code @username} mentions, {@code #hashtags} and web links,
 * found the way Mastodon finds them (a mention or tag starts a word; a tag has at least one non-digit).
 */
public final class PostText {

    /** Either a link, a mention or a hashtag; group names tell which. */
    static final Pattern TOKENS = Pattern.compile(
            "(?<url>https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]'])"
                    + "|(?<![\\p{L}\\p{N}_@/])@(?<mention>[A-Za-z0-9_]{1,30})(?![A-Za-z0-9_@])"
                    + "|(?<![\\p{L}\\p{N}_&/#])#(?<tag>[\\p{L}\\p{N}_]*[\\p{L}_][\\p{L}\\p{N}_]*)");

    private final String text;

    public PostText(String text) {
        this.text = text == null ? "" : text;
    }

    public String text() {
        return text;
    }

    /** Length as a reader counts characters: Unicode code points, so an emoji outside the BMP is one. */
    public int length() {
        return text.codePointCount(0, text.length());
    }

    public boolean isBlank() {
        return text.isBlank();
    }

    /** The usernames written as {@code @username}, in order of first appearance, without duplicates. */
    public List<String> mentionedUsernames() {
        return new ArrayList<>(collect("mention", false));
    }

    /** The hashtags without '#', lower-cased, in order of first appearance, without duplicates. */
    public List<String> hashtags() {
        return new ArrayList<>(collect("tag", true));
    }

    private Set<String> collect(String group, boolean lowerCase) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = TOKENS.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(group);
            if (value != null) {
                found.add(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return found;
    }
}
