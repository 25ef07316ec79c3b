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

    @ConfigMapping(prefix = "social.http")
    public interface Http {
        /** Request bodies above this size are refused with 413 and a JSON error. */
        @WithDefault("65536")
        long maxBodyBytes();
    }
}
