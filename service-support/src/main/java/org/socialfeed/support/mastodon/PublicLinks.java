package org.socialfeed.support.mastodon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * Every public link the API hands out, under one base URL ({@code social.public-url}, env {@code SOCIAL_PUBLIC_URL},
 * the same for every service; its default is given here rather than in a properties file, where notification-service's
 * {@code social} config mapping would refuse it as unknown):
 * profiles, account and status URIs, statuses, hashtags, and Mastodon's "missing" images for accounts without an
 * avatar or header, so apps always get an image URL.
 */
@ApplicationScoped
public class PublicLinks {

    private final String publicUrl;

    @Inject
    public PublicLinks(@ConfigProperty(name = "social.public-url", defaultValue = "https://socialfeed.local")
                       String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The profile page, Mastodon's Account {@code url} and a Status mention's {@code url}. */
    public String profileUrl(String username) {
        return publicUrl + "/@" + username;
    }

    /** The account's ActivityPub id, Mastodon's Account {@code uri}. */
    public String accountUri(String username) {
        return publicUrl + "/users/" + username;
    }

    public String statusUrl(String username, String statusId) {
        return profileUrl(username) + "/" + statusId;
    }

    public String statusUri(String username, String statusId) {
        return accountUri(username) + "/statuses/" + statusId;
    }

    /** The hashtag's page; tag names are matched case-insensitively, so the link uses the lower-cased name. */
    public String tagUrl(String tag) {
        return publicUrl + "/tags/" + tag.toLowerCase(Locale.ROOT);
    }

    /** The avatar, or Mastodon's placeholder when there is none. */
    public String avatar(String avatarUrl) {
        return avatarUrl == null ? publicUrl + "/avatars/original/missing.png" : avatarUrl;
    }

    /** The header image, or Mastodon's placeholder when there is none. */
    public String header(String headerUrl) {
        return headerUrl == null ? publicUrl + "/headers/original/missing.png" : headerUrl;
    }
}
