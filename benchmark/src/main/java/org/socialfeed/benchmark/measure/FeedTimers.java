package org.socialfeed.benchmark.measure;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a post's way to a timeline spends its time, from feed-service's own timers ({@code /q/metrics}; feed-service's
 * {@code EventDelays}): {@code social.feed.posts.delivery} from a post's creation in post-service to its fan-out,
 * {@code social.feed.events.delay} from each record's send to its application and {@code social.feed.events.batches}
 * for each batch, per topic. Read before and after a phase; over the phase each timer gives its count, mean and
 * p50/p99 from its histogram (the upper bound of the bucket the percentile falls in).
 */
public final class FeedTimers {

    private static final Pattern BUCKET = Pattern.compile(
            "^social_feed_([a-z_]+)_seconds_bucket\\{(?:topic=\"([^\"]*)\",)?le=\"([^\"]+)\",?} ([0-9.eE+-]+)$");
    private static final Pattern TOTAL = Pattern.compile(
            "^social_feed_([a-z_]+)_seconds_(count|sum)(?:\\{topic=\"([^\"]*)\",?})? ([0-9.eE+-]+)$");

    private final MetricsEndpoint metrics;

    public FeedTimers(HttpClient http, String feedServiceUrl) {
        this.metrics = new MetricsEndpoint(http, feedServiceUrl);
    }

    /** The timers now; empty if feed-service does not answer (the report then shows none). */
    public Snapshot snapshot() throws InterruptedException {
        return Snapshot.parse(metrics.read());
    }

    /**
     * One timer over a phase.
     *
     * @param timer  the timer's name after {@code social.feed.}: {@code posts.delivery}, {@code events.delay},
     *               {@code events.batches}
     * @param topic  the topic for the per-topic timers, else empty
     * @param count  how many times it was recorded in the phase
     */
    public record Hop(String timer, String topic, long count, double meanMs, double p50Ms, double p99Ms) {
    }

    /** Cumulative counts, sums and buckets of every timer, keyed by timer and topic. */
    public record Snapshot(Map<String, Cumulative> timers) {

        static Snapshot parse(String prometheusText) {
            Map<String, Cumulative> timers = new TreeMap<>();
            for (String line : prometheusText.split("\n")) {
                Matcher bucket = BUCKET.matcher(line);
                if (bucket.matches()) {
                    timers.computeIfAbsent(key(bucket.group(1), bucket.group(2)), k -> new Cumulative())
                            .buckets.put(upperBound(bucket.group(3)), Double.parseDouble(bucket.group(4)));
                    continue;
                }
                Matcher total = TOTAL.matcher(line);
                if (total.matches()) {
                    Cumulative timer = timers.computeIfAbsent(key(total.group(1), total.group(3)), k -> new Cumulative());
                    double value = Double.parseDouble(total.group(4));
                    if (total.group(2).equals("count")) {
                        timer.count = value;
                    } else {
                        timer.sumSeconds = value;
                    }
                }
            }
            return new Snapshot(timers);
        }

        /** Each timer recorded in the phase since {@code before}, in name and topic order. */
        public List<Hop> since(Snapshot before) {
            List<Hop> hops = new ArrayList<>();
            timers.forEach((key, now) -> {
                Cumulative then = before.timers.getOrDefault(key, new Cumulative());
                long count = Math.round(now.count - then.count);
                if (count <= 0) {
                    return;
                }
                String[] nameAndTopic = key.split("\\|", -1);
                hops.add(new Hop(nameAndTopic[0].replace('_', '.'), nameAndTopic[1], count,
                        (now.sumSeconds - then.sumSeconds) * 1000 / count, percentile(now, then, count, 0.50),
                        percentile(now, then, count, 0.99)));
            });
            return hops;
        }

        private static double upperBound(String le) {
            return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        }

        private static String key(String name, String topic) {
            return name + "|" + (topic == null ? "" : topic);
        }

        /** The upper bound, in ms, of the bucket in which {@code quantile} of the phase's records fall. */
        private static double percentile(Cumulative now, Cumulative then, long count, double quantile) {
            double wanted = Math.ceil(quantile * count);
            for (Map.Entry<Double, Double> bucket : now.buckets.entrySet()) {
                double inPhase = bucket.getValue() - then.buckets.getOrDefault(bucket.getKey(), 0.0);
                if (inPhase >= wanted) {
                    return bucket.getKey() * 1000;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /** A timer's totals since feed-service started; buckets by upper bound in seconds, cumulative as Prometheus's. */
    static final class Cumulative {
        final TreeMap<Double, Double> buckets = new TreeMap<>();
        double count;
        double sumSeconds;
    }
}
