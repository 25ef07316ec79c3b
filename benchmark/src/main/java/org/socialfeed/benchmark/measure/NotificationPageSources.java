package org.socialfeed.benchmark.measure;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which store answered notification-service's pages, from its own counters ({@code /q/metrics}):
 * {@code social.notifications.pages} by source (Redis read model, MongoDB, or neither: MongoDB busy, 503) and
 * {@code social.notifications.pages.missed} by why the read model could not answer. A page read from MongoDB costs
 * the stand-in a scan, so a read phase's figures mean little without this.
 */
public final class NotificationPageSources {

    private static final Pattern PAGES = Pattern.compile(
            "^social_notifications_pages_total\\{[^}]*source=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");
    private static final Pattern MISSED = Pattern.compile(
            "^social_notifications_pages_missed_total\\{[^}]*reason=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");

    private final MetricsEndpoint metrics;

    public NotificationPageSources(HttpClient http, String notificationServiceUrl) {
        this.metrics = new MetricsEndpoint(http, notificationServiceUrl);
    }

    /** The counters now; empty if the service does not answer (the report then shows none). */
    public Counts snapshot() throws InterruptedException {
        return Counts.parse(metrics.read());
    }

    /**
     * Pages by source ({@code redis}, {@code mongodb}, {@code none-mongodb-busy}) and the read model's misses by
     * reason, as counted since process start or, after {@link #since}, over a phase.
     */
    public record Counts(Map<String, Long> bySource, Map<String, Long> missedByReason) {

        /** Kept sorted by name, so a report lists them the same way every run. */
        public Counts {
            bySource = new TreeMap<>(bySource);
            missedByReason = new TreeMap<>(missedByReason);
        }

        static Counts parse(String prometheusText) {
            Map<String, Long> bySource = new TreeMap<>();
            Map<String, Long> missed = new TreeMap<>();
            for (String line : prometheusText.split("\n")) {
                add(PAGES.matcher(line), bySource);
                add(MISSED.matcher(line), missed);
            }
            return new Counts(bySource, missed);
        }

        private static void add(Matcher line, Map<String, Long> into) {
            if (line.matches()) {
                into.merge(line.group(1), (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }

        public Counts since(Counts before) {
            return new Counts(minus(bySource, before.bySource), minus(missedByReason, before.missedByReason));
        }

        private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> difference = new TreeMap<>();
            now.forEach((key, count) -> {
                long grown = count - before.getOrDefault(key, 0L);
                if (grown > 0) {
                    difference.put(key, grown);
                }
            });
            return difference;
        }

        public long source(String source) {
            return bySource.getOrDefault(source, 0L);
        }
    }
}
