package org.socialfeed.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The settings of notification-service, under {@code social.*}. */
@ConfigMapping(prefix = "social")
public interface NotificationConfig {

    Notifications notifications();

    Stream stream();

    Webhooks webhooks();

    Outbox outbox();

    interface Outbox {
        /** How often notifications.push records left behind (broker outage, crash) are republished. */
        Duration sweepInterval();
    }

    interface Notifications {
        /** Likes, reposts of one post and follows arriving within this span share one group (Mastodon: 12 hours). */
        @WithDefault("12H")
        Duration groupWindow();

        /** Mastodon counts unread notifications up to this many by default. */
        @WithDefault("100")
        int unreadCountDefaultLimit();

        @WithDefault("1000")
        int unreadCountMaxLimit();

        /**
         * How many of each recipient's latest notifications the Redis read model keeps (ADR 18); older pages are read
         * from MongoDB.
         */
        @WithDefault("200")
        int recentLimit();

        /**
         * Pages read from MongoDB at once per instance (ADR 18's fallback): a grouped page there is dozens of
         * queries, and more at once would take the store from every other caller. Others wait up to
         * {@link #mongoPageWait()}, then get 503 with Retry-After.
         */
        @WithDefault("4")
        int mongoPageReads();

        @WithDefault("2S")
        Duration mongoPageWait();
    }

    interface Stream {
        /** How often an idle SSE connection gets a comment line, so proxies and clients see it is alive. */
        @WithDefault("15S")
        Duration heartbeat();

        /** At most this many missed notifications are replayed on a reconnect with Last-Event-ID. */
        @WithDefault("200")
        int replayLimit();
    }

    interface Webhooks {
        /** Webhook URLs whose host resolves to loopback, link-local or private addresses are refused unless true. */
        @WithDefault("false")
        boolean allowPrivateNetwork();

        /** Further host[:port] entries refused as webhook targets (the service's own infrastructure). */
        Optional<List<String>> blockedHosts();

        /** How often the dispatcher looks for due deliveries. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** A receiver that does not answer within this time has failed the attempt. */
        @WithDefault("5S")
        Duration requestTimeout();

        /** Delay before the first retry; each further retry waits twice as long, up to {@link #maxBackoff()}. */
        @WithDefault("5S")
        Duration initialBackoff();

        @WithDefault("1H")
        Duration maxBackoff();

        /** Attempts per delivery (the first one included) before it is given up. */
        @WithDefault("8")
        int maxAttempts();

        /** An endpoint is disabled after this many failed attempts in a row, with no success in between. */
        @WithDefault("50")
        int disableAfterConsecutiveFailures();

        /** Requests in flight per endpoint at most, so one slow receiver cannot take every connection. */
        @WithDefault("4")
        int maxInFlightPerEndpoint();

        /** Endpoints a user may register at most. */
        @WithDefault("10")
        int maxEndpointsPerUser();
    }
}
