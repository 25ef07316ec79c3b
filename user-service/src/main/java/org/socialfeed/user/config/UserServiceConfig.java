package org.socialfeed.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * user-service's own settings. One mapping per group under {@code social.*}: that namespace is shared with the
 * settings of the common support code ({@code social.rate-limit.*}) and of other services.
 */
public final class UserServiceConfig {

    private UserServiceConfig() {
    }

    @ConfigMapping(prefix = "social.auth")
    public interface Auth {
        /** How long an issued token is valid. */
        @WithDefault("24H")
        Duration tokenLifetime();

        /** The {@code kid} header of issued tokens, so verifiers can tell keys apart while they are rotated. */
        @WithDefault("socialfeed-1")
        String keyId();
    }

    @ConfigMapping(prefix = "social.admin")
    public interface Admin {
        /** Usernames that get the "admin" role when they register or log in: how the first admin comes to exist. */
        Optional<List<String>> usernames();
    }

    @ConfigMapping(prefix = "social.login")
    public interface Login {
        /** Failed logins for one username from one client address before logins are refused. */
        @WithDefault("5")
        int maxFailures();

        /** The window in which those failures count; the refusal lasts until the window ends. */
        @WithDefault("15M")
        Duration failureWindow();
    }

    @ConfigMapping(prefix = "social.repair")
    public interface Repair {
        /** How often the repair jobs look for unfinished work. */
        @WithDefault("5S")
        Duration interval();

        /**
         * A counter update or a block's follow removal still unfinished after this long is presumed abandoned by a
         * crashed request, and the repair job finishes it.
         */
        @WithDefault("10S")
        Duration after();
    }

    /** What GET /api/v1/instance and /api/v2/instance say about this server (Mastodon's Instance entity). */
    @ConfigMapping(prefix = "social.instance")
    public interface Instance {
        /** The public host name clients reach the API at: Mastodon's {@code domain} (v1: {@code uri}). */
        @WithDefault("socialfeed.local")
        String domain();

        @WithDefault("socialfeed")
        String title();

        /** Both v1's {@code short_description} and {@code description}, and v2's {@code description}. */
        @WithDefault("A social feed backend that speaks Mastodon's client API.")
        String description();

        /** Where people reach the admins; answered as "" when unset, as Mastodon does. */
        Optional<String> contactEmail();

        /** The account shown as the contact, by username; null when unset, unknown or suspended. */
        Optional<String> contactUsername();

        /** The public base URL of the streaming API (Mastodon's {@code configuration.urls.streaming}). */
        String streamingUrl();

        /** ISO 639 codes of the languages the instance is for. */
        @WithDefault("en")
        List<String> languages();

        /**
         * The server rules, in order, set as {@code social.instance.rules[0].text=...} (indexed, so a rule may hold
         * commas); each is listed with its position from 1 as its id.
         */
        Optional<List<Rule>> rules();

        interface Rule {
            String text();

            /** Mastodon 4.3's longer explanation of the rule. */
            Optional<String> hint();
        }
    }

    /**
     * Post-service's limits on a post, under the keys post-service reads, so that one setting (in Kubernetes the
     * shared ConfigMap, e.g. {@code SOCIAL_POSTS_MAX_CHARACTERS}) keeps the instance description true to them.
     */
    @ConfigMapping(prefix = "social.posts")
    public interface PostLimits {
        @WithDefault("500")
        int maxCharacters();

        @WithDefault("4")
        int maxMediaAttachments();
    }
}
