package org.socialfeed.benchmark.measure;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How feed-service answered ranked first pages, from its {@code social.feed.ranked.rankings} counter
 * ({@code /q/metrics}): ranked anew ({@code computed}) or read from the reader's stored ranking of the same inputs
 * ({@code reused}, its ADR 37). A ranked read phase's rate means little without the share of each.
 */
public final class RankingOutcomes {

    private static final Pattern RANKINGS = Pattern.compile(
            "^social_feed_ranked_rankings_total\\{[^}]*outcome=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");

    private final MetricsEndpoint metrics;

    public RankingOutcomes(HttpClient http, String feedServiceUrl) {
        this.metrics = new MetricsEndpoint(http, feedServiceUrl);
    }

    /** First pages by outcome so far; empty if feed-service does not answer. */
    public Map<String, Long> snapshot() throws InterruptedException {
        return parse(metrics.read());
    }

    static Map<String, Long> parse(String prometheusText) {
        Map<String, Long> byOutcome = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            Matcher rankings = RANKINGS.matcher(line);
            if (rankings.matches()) {
                byOutcome.merge(rankings.group(1), (long) Double.parseDouble(rankings.group(2)), Long::sum);
            }
        }
        return byOutcome;
    }

    /** What was counted between {@code before} and {@code after}, by outcome. */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> phase = new TreeMap<>();
        after.forEach((outcome, count) -> phase.put(outcome, count - before.getOrDefault(outcome, 0L)));
        return phase;
    }
}
