package org.socialfeed.post.status.text;

import org.socialfeed.events.AccountRef;
import org.socialfeed.support.mastodon.PublicLinks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Renders a post's text as Mastodon's status HTML: everything escaped, paragraphs (blank-line separated) in
 * {@code <p>}, single line breaks as {@code <br />}, links, resolved mentions and hashtags as anchors with
 * Mastodon's classes. A mention of an unknown username stays plain text.
 */
public final class ContentRenderer {

    private final PublicLinks links;

    public ContentRenderer(PublicLinks links) {
        this.links = links;
    }

    public String render(PostText text, List<AccountRef> mentions) {
        Map<String, AccountRef> byUsername = mentions.stream().collect(Collectors.toMap(
                mention -> mention.username().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.text().strip().split("\\R\\s*\\R")) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>").append(renderParagraph(paragraph.strip(), byUsername)).append("</p>");
        }
        return html.toString();
    }

    private String renderParagraph(String paragraph, Map<String, AccountRef> mentions) {
        StringBuilder html = new StringBuilder();
        Matcher matcher = PostText.TOKENS.matcher(paragraph);
        int last = 0;
        while (matcher.find()) {
            html.append(escapeLines(paragraph.substring(last, matcher.start())));
            html.append(renderToken(matcher, mentions));
            last = matcher.end();
        }
        html.append(escapeLines(paragraph.substring(last)));
        return html.toString();
    }

    private String renderToken(Matcher matcher, Map<String, AccountRef> mentions) {
        if (matcher.group("url") != null) {
            String url = matcher.group("url");
            return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" "
                    + "translate=\"no\">" + escape(url) + "</a>";
        }
        if (matcher.group("mention") != null) {
            AccountRef account = mentions.get(matcher.group("mention").toLowerCase(Locale.ROOT));
            if (account == null) {
                return escape(matcher.group());
            }
            return "<span class=\"h-card\" translate=\"no\"><a href=\"" + escape(links.profileUrl(account.username()))
                    + "\" class=\"u-url mention\">@<span>" + escape(account.username()) + "</span></a></span>";
        }
        String tag = matcher.group("tag");
        return "<a href=\"" + escape(links.tagUrl(tag)) + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
                + escape(tag) + "</span></a>";
    }

    private static String escapeLines(String text) {
        return escape(text).replaceAll("\\R", "<br />");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
