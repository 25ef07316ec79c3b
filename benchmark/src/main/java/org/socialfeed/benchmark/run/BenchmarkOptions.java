package org.socialfeed.benchmark.run;

import org.socialfeed.benchmark.graph.GraphSpec;
import org.socialfeed.stack.ServiceApp;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run, from {@code --quick} (a smoke run of the hybrid mode, about 15 minutes) or the default profile (all
 * three modes, more than 30 minutes on 2 cores), each value overridable with {@code --name=value}.
 * {@link #settings()} lists every value used, for the report.
 */
public record BenchmarkOptions(boolean quick, List<FanOutMode> modes, GraphSpec graph, int seedPostsPerActor,
                               Map<String, Double> rates, int phaseSeconds, int warmupSeconds, int deliverySeconds,
                               int saturationConcurrency, int fanOutAuthors, int fanOutRounds, long redisRequests,
                               String thresholdVariable, long hybridThreshold, String feedGroup, int maxInFlight,
                               String activeReadersKey, String timelinePattern, String output, boolean profile,
                               int notificationWaitSeconds, long grownPosts, int grownAccounts,
                               int mixedDeliverySeconds) {

    /**
     * Every service, notification-service too: its reads are measured, and the graph's follow events cost it what
     * they would cost it in production (if it cannot keep up, the report says how far behind it stayed).
     */
    public static final Set<ServiceApp> SERVICES = EnumSet.allOf(ServiceApp.class);

    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("quick", "small graph, hybrid mode only, short phases (about 15 minutes on 2 cores)");
        HELP.put("modes", "fan-out modes to run, comma-separated: hybrid,write,read");
        HELP.put("actors", "accounts registered over HTTP (they post, read, like, follow)");
        HELP.put("celebrity-followers", "passive followers per celebrity, comma-separated (one celebrity each)");
        HELP.put("top-followers", "passive followers of the most-followed regular author (rank r gets this / r)");
        HELP.put("follows-per-actor", "accounts each actor follows over HTTP");
        HELP.put("seed-posts", "posts per actor before the phases");
        HELP.put("home-rate", "offered home-timeline reads/s");
        HELP.put("user-timeline-rate", "offered user-timeline reads/s");
        HELP.put("compose-rate", "offered posts/s");
        HELP.put("posting-rate", "offered posts/s in the open-loop posting phase, after posting is saturated");
        HELP.put("like-rate", "offered likes/s");
        HELP.put("follow-rate", "offered follows/s");
        HELP.put("mix-rate", "offered requests/s of the 60/30/10 mix");
        HELP.put("delivery-rate", "background posts/s during the delivery probe");
        HELP.put("phase-seconds", "length of each open-loop phase");
        HELP.put("delivery-seconds", "length of the delivery phase");
        HELP.put("mixed-delivery-seconds", "length of the phase that offers the 60/30/10 mix at 70% of its saturated "
                + "rate with delivery probes among it (home timeline and notification stream)");
        HELP.put("fan-out-authors", "most-followed regular authors posting in the fan-out burst");
        HELP.put("fan-out-rounds", "posts per author in the fan-out burst");
        HELP.put("redis-requests", "requests per redis ceiling test");
        HELP.put("threshold-variable", "environment variable of feed-service's celebrity threshold");
        HELP.put("hybrid-threshold", "celebrity threshold in hybrid mode");
        HELP.put("connections", "requests in flight at most, each on its own HTTP/1.1 connection; when all are busy "
                + "the generator waits, and the wait counts in the latency of the requests it delays");
        HELP.put("feed-group", "feed-service's Kafka consumer group (to wait until it has read the loaded graph)");
        HELP.put("active-readers-key", "Redis sorted set of active readers feed-service fans out to; synthetic "
                + "followers are marked active there (empty: not marked)");
        HELP.put("timeline-pattern", "Redis key pattern of home timelines, for the memory figure");
        HELP.put("output", "results folder (default benchmark/results/<timestamp>)");
        HELP.put("profile", "record each read endpoint's saturation phase with JFR (settings=profile) in the service "
                + "that answers it, keep the .jfr files in the results folder and report CPU and allocation per read "
                + "and the hot methods (JFR costs a few per cent of the rates)");
        HELP.put("notification-wait", "seconds to wait, after loading, for notification-service to read the graph's "
                + "follow events (the report says how far behind it was then and at the end)");
        HELP.put("grown-posts", "at the end of the hybrid mode, grow the store to this many posts (copies of the "
                + "services' own documents), time its hot queries before and after, and measure posting and delivery "
                + "again (default 1000000; 0 with --quick, where it adds about 10 minutes; 0: not at all)");
        HELP.put("grown-accounts", "accounts the grown store holds (default 100000)");
    }

    /** One line per option: {@code --name}, then what it sets. */
    public static String help() {
        StringBuilder text = new StringBuilder();
        HELP.forEach((name, help) -> text.append(String.format("  --%-22s %s%n", name, help)));
        return text.toString();
    }

    public static BenchmarkOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] pair = arg.substring(2).split("=", 2);
            if (!HELP.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown option --" + pair[0]);
            }
            given.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        boolean quick = Boolean.parseBoolean(given.getOrDefault("quick", "false"));
        Values v = new Values(given);
        List<FanOutMode> modes = Arrays.stream(v.text("modes", quick ? "hybrid" : "hybrid,write,read").split(","))
                .map(FanOutMode::parse).toList();
        List<Integer> celebrities = Arrays.stream(v.text("celebrity-followers", quick ? "100000" : "150000,100000")
                .split(",")).map(String::trim).map(Integer::parseInt).toList();
        GraphSpec graph = new GraphSpec(v.integer("actors", quick ? 150 : 300), celebrities,
                v.integer("top-followers", 10_000), 1.0, v.integer("follows-per-actor", 10), 0.5, 4, 20250101L);
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("home", v.number("home-rate", 5_000));
        rates.put("user-timeline", v.number("user-timeline-rate", 2_000));
        rates.put("compose", v.number("compose-rate", 200));
        rates.put("posting", v.number("posting-rate", 500));
        rates.put("like", v.number("like-rate", 500));
        rates.put("follow", v.number("follow-rate", 100));
        rates.put("mix", v.number("mix-rate", 2_000));
        rates.put("delivery", v.number("delivery-rate", 100));
        return new BenchmarkOptions(quick, modes, graph, v.integer("seed-posts", 3), rates,
                v.integer("phase-seconds", quick ? 5 : 12), quick ? 2 : 4, v.integer("delivery-seconds", quick ? 10 : 25),
                32, v.integer("fan-out-authors", 20), v.integer("fan-out-rounds", quick ? 2 : 5),
                v.integer("redis-requests", quick ? 500_000 : 2_000_000),
                v.text("threshold-variable", "SOCIAL_FEED_CELEBRITY_THRESHOLD"),
                v.integer("hybrid-threshold", 50_000), v.text("feed-group", "feed-service"), v.integer("connections", 128),
                v.text("active-readers-key", "feed:active"), v.text("timeline-pattern", "feed:u:*:tl"),
                v.text("output", null), Boolean.parseBoolean(given.getOrDefault("profile", "false")),
                v.integer("notification-wait", quick ? 60 : 180), v.integer("grown-posts", quick ? 0 : 1_000_000),
                v.integer("grown-accounts", 100_000), v.integer("mixed-delivery-seconds", quick ? 30 : 60));
    }

    /** Every value this run uses, as text, for the report. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("profile", quick ? "quick" : "default");
        settings.put("modes", String.join(",", modes.stream().map(FanOutMode::label).toList()));
        settings.put("services", String.join(", ", SERVICES.stream().map(ServiceApp::module).toList()));
        settings.put("graph", graph.toString());
        settings.put("seed posts per actor", Integer.toString(seedPostsPerActor));
        rates.forEach((name, rate) -> settings.put("offered rate " + name + " /s", String.format("%.0f", rate)));
        settings.put("phase seconds", Integer.toString(phaseSeconds));
        settings.put("warm-up seconds", Integer.toString(warmupSeconds));
        settings.put("delivery seconds", Integer.toString(deliverySeconds));
        settings.put("mixed delivery seconds", Integer.toString(mixedDeliverySeconds));
        settings.put("saturation workers", Integer.toString(saturationConcurrency));
        settings.put("fan-out burst", fanOutAuthors + " authors x " + fanOutRounds + " posts");
        settings.put("redis ceiling requests", Long.toString(redisRequests));
        settings.put("threshold variable", thresholdVariable);
        settings.put("hybrid threshold", Long.toString(hybridThreshold));
        settings.put("max requests in flight", Integer.toString(maxInFlight));
        settings.put("active readers key", activeReadersKey);
        settings.put("timeline key pattern", timelinePattern);
        settings.put("profiled with JFR", Boolean.toString(profile));
        settings.put("wait for notification-service after loading, s", Integer.toString(notificationWaitSeconds));
        settings.put("grown store (posts, accounts)", grownPosts > 0 ? grownPosts + ", " + grownAccounts : "not grown");
        return settings;
    }

    private record Values(Map<String, String> given) {
        String text(String name, String fallback) {
            return given.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return given.containsKey(name) ? Integer.parseInt(given.get(name).trim()) : fallback;
        }

        double number(String name, double fallback) {
            return given.containsKey(name) ? Double.parseDouble(given.get(name).trim()) : fallback;
        }
    }
}
