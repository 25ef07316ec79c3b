package org.socialfeed.benchmark.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private final HttpClient http;
    private final URI metrics;

    public RankingOutcomes(HttpClient http, String feedServiceUrl) {
        this.http = http;
        this.metrics = URI.create(feedServiceUrl + "/q/metrics");
    }

    /** First pages by outcome so far; empty if feed-service does not answer. */
    public Map<String, Long> snapshot() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? parse(answer.body()) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
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
