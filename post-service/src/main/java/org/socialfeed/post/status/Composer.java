package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.config.PostConfig;
import org.socialfeed.post.status.text.ContentRenderer;
import org.socialfeed.post.status.text.PostText;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.mastodon.PublicLinks;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a post's text and media against the rules and works out what it says: mentions resolved to known
 * accounts, hashtags, and the HTML content. Shared by writing and editing.
 */
@ApplicationScoped
public class Composer {

    /** A checked post body, ready to store. */
    public record Composition(String text, String content, List<AccountRef> mentions, List<String> hashtags,
                              List<MediaRef> media, String spoilerText, boolean sensitive, String language) {

        /** For an edit: these media, and the earlier language unless the edit gives one (as Mastodon does). */
        public Composition keeping(List<MediaRef> keptMedia, String earlierLanguage) {
            return new Composition(text, content, mentions, hashtags, keptMedia, spoilerText, sensitive,
                    language == null ? earlierLanguage : language);
        }
    }

    private final PostConfig config;
    private final AccountReplica accounts;
    private final ContentRenderer renderer;
    private final SnowflakeIds mediaIds;

    public Composer(PostConfig config, AccountReplica accounts, SnowflakeIds mediaIds, PublicLinks links) {
        this.config = config;
        this.accounts = accounts;
        this.renderer = new ContentRenderer(links);
        this.mediaIds = mediaIds;
    }

    /**
     * @param spoilerText the content warning, none if null
     * @param sensitive   null for not sensitive; a content warning makes the post sensitive anyway, as in Mastodon
     * @param language    an ISO 639-1 code (checked by {@link LanguageCode}), none if null or empty
     */
    public Composition compose(String status, String spoilerText, Boolean sensitive, String language,
                               List<MediaAttachmentRequest> mediaRequests) {
        List<MediaRef> media = media(mediaRequests == null ? List.of() : mediaRequests);
        PostText text = new PostText(status);
        if (text.isBlank() && media.isEmpty()) {
            throw new UnprocessableEntity("Validation failed: Text can't be blank");
        }
        String warning = spoilerText == null ? "" : spoilerText;
        // Mastodon counts the content warning toward the limit together with the text
        int length = text.length() + warning.codePointCount(0, warning.length());
        if (length > config.maxCharacters()) {
            throw new UnprocessableEntity("Validation failed: Text is too long (" + length
                    + " characters with the content warning, at most " + config.maxCharacters() + ")");
        }
        List<AccountRef> mentions = accounts.findByUsernames(text.mentionedUsernames()).stream()
                .filter(account -> !account.suspended()).map(account -> account.ref().nameOnly()).toList();
        return new Composition(text.text(), renderer.render(text, mentions), mentions, text.hashtags(), media,
                warning, Boolean.TRUE.equals(sensitive) || !warning.isEmpty(),
                language == null || language.isEmpty() ? null : language);
    }

    private List<MediaRef> media(List<MediaAttachmentRequest> requests) {
        if (requests.size() > config.maxMediaAttachments()) {
            throw new UnprocessableEntity("Validation failed: at most " + config.maxMediaAttachments()
                    + " media attachments are allowed");
        }
        return requests.stream().map(request -> {
            if (request == null || !isWebUrl(request.url())) {
                throw new UnprocessableEntity("Validation failed: media_attachments url must be an absolute "
                        + "http or https URL");
            }
            String description = request.description() == null ? null : request.description().strip();
            return new MediaRef(Long.toString(mediaIds.next()), typeOf(request.url()), request.url().strip(),
                    description == null || description.isEmpty() ? null : description);
        }).toList();
    }

    static boolean isWebUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value.strip());
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Mastodon's attachment type, guessed from the file extension. */
    static String typeOf(String url) {
        String path = URI.create(url.strip()).getPath();
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (lower.matches(".*\\.(png|jpe?g|webp|avif|heic)$")) {
            return "image";
        }
        if (lower.endsWith(".gif")) {
            return "gifv";
        }
        if (lower.matches(".*\\.(mp4|webm|mov|m4v)$")) {
            return "video";
        }
        if (lower.matches(".*\\.(mp3|ogg|oga|wav|flac|m4a|opus)$")) {
            return "audio";
        }
        return "unknown";
    }
}
