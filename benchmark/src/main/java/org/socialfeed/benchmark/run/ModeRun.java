package org.socialfeed.benchmark.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.RedisCeiling;
import org.socialfeed.benchmark.graph.GraphLoader;
import org.socialfeed.benchmark.graph.SocialGraph;
import org.socialfeed.benchmark.load.ClosedLoop;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.load.NanoClock;
import org.socialfeed.benchmark.load.OpenLoopRunner;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.load.Progress;
import org.socialfeed.benchmark.measure.ConsumerLag;
import org.socialfeed.benchmark.measure.RedisStats;
import org.socialfeed.benchmark.report.DeliveryResult;
import org.socialfeed.benchmark.report.FanOutResult;
import org.socialfeed.benchmark.report.ModeResult;
import org.socialfeed.benchmark.report.Names;
import org.socialfeed.benchmark.report.PhaseResult;
import org.socialfeed.stack.ServiceApp;
import org.socialfeed.stack.SocialfeedStack;
import org.socialfeed.stack.StackSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * One fan-out mode from start to end: a fresh stack (its own data folder, free ports, the mode's threshold in
 * feed-service's environment), the graph loaded, the phases run, Redis read, the stack stopped.
 */
public final class ModeRun {

    private static final int DELIVERY_PROBE_EVERY = 50;
    /** Longest wait for the consumers to catch up before a phase (they commit every 5 s). */
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private final BenchmarkOptions options;
    private final FanOutMode mode;
    private final Path projectRoot;
    private final ObjectMapper json;
    private final List<PhaseResult> phases = new ArrayList<>();
    private String kafkaBootstrap;
    private KeepAliveHttp keepAlive;

    public ModeRun(BenchmarkOptions options, FanOutMode mode, Path projectRoot, ObjectMapper json) {
        this.options = options;
        this.mode = mode;
        this.projectRoot = projectRoot;
        this.json = json;
    }

    /**
     * The mode's results, and the ceilings if {@code measureCeilings} (added to {@code ceilings} and, for the
     * reference home reader, {@code homeReadCeilings}).
     */
    public ModeResult run(boolean measureCeilings, List<CeilingResult> ceilings, List<HomeReadCeiling> homeReadCeilings)
            throws Exception {
        // the load is many writes from few accounts: the per-account write limit (300 per 5 minutes) would throttle it
        Map<String, String> environment = Map.of(options.thresholdVariable(),
                Long.toString(mode.threshold(options.hybridThreshold())), "SOCIAL_RATE_LIMIT_ENABLED", "false");
        Path data = projectRoot.resolve("benchmark/target/stack-" + mode.label());
        deleteRecursively(data);
        say("== mode " + mode.label() + ": " + mode.description() + " (" + environment + ")");
        try (SocialfeedStack stack = SocialfeedStack.start(StackSettings.isolated(projectRoot, data)
                .withServices(BenchmarkOptions.SERVICES).withServiceEnvironment(environment), line -> say("  [stack] " + line));
             KeepAliveHttp saturating = new KeepAliveHttp(options.saturationConcurrency())) {
            kafkaBootstrap = stack.kafkaBootstrap();
            keepAlive = saturating;
            HttpClient http = SocialApi.newHttpClient();
            SocialApi api = new SocialApi(http, json, stack.serviceUrl(ServiceApp.USER),
                    stack.serviceUrl(ServiceApp.POST), stack.serviceUrl(ServiceApp.FEED));
            SocialGraph graph = org.socialfeed.benchmark.graph.PowerLawGraphGenerator.generate(options.graph());
            GraphLoader.Loaded loaded = new GraphLoader(api, json, stack.kafkaBootstrap(), options.feedGroup())
                    .load(graph, "b" + mode.label().charAt(0) + "_", options.seedPostsPerActor());
            org.socialfeed.benchmark.graph.LoadSummary load = loaded.summary();
            if (!options.activeReadersKey().isBlank()) {
                try (RedisStats redis = new RedisStats(stack.redisUri())) {
                    load = load.withSyntheticMarkedActive(redis.markActive(options.activeReadersKey(),
                            SocialGraph.SYNTHETIC_ID_BASE, graph.syntheticAccounts()));
                }
                say(String.format("  marked %,d synthetic followers as active readers in %s", graph.syntheticAccounts(),
                        options.activeReadersKey()));
            }
            Workloads work = new Workloads(api, graph, loaded.accounts(), loaded.seedPostIds(), options.graph().seed());
            boolean full = mode == FanOutMode.HYBRID;

            openLoop("warm-up", rate("mix"), options.warmupSeconds(), work.mix(), false);
            openLoop(Names.HOME, rate("home"), options.phaseSeconds(), fixed(work.home()), true);
            if (full) {
                openLoop(Names.USER_TIMELINE, rate("user-timeline"), options.phaseSeconds(),
                        fixed(work.userTimeline()), true);
            }
            openLoop(Names.MIX, rate("mix"), options.phaseSeconds(), work.mix(), true);
            openLoop(Names.COMPOSE, rate("compose"), options.phaseSeconds(), fixed(work.compose()), true);
            if (full) {
                openLoop(Names.LIKE, rate("like"), options.phaseSeconds(), fixed(work.like()), true);
                openLoop(Names.FOLLOW, rate("follow"), options.phaseSeconds(), fixed(work.follow()), true);
            }
            closedLoop(Names.HOME_SATURATION, keepAlive.get(Names.HOME, api.feedServiceUrl()
                    + "/api/v1/timelines/home?limit=" + Workloads.PAGE, sequence -> work.homeReader(sequence).token()));
            DeliveryResult delivery = delivery(api, graph, loaded.accounts(), work);
            FanOutResult fanOut;
            RedisStats.TimelineMemory memory;
            awaitQuiet("fan-out burst");
            try (RedisStats redis = new RedisStats(stack.redisUri())) {
                fanOut = FanOutBurst.run(api, graph, loaded.accounts(), redis, options.fanOutAuthors(),
                        options.fanOutRounds());
                say(String.format("  fan-out: %,d ZADD of %,d expected in %.1f s = %,.0f inserts/s", fanOut.zaddCalls(),
                        fanOut.expectedInserts(), fanOut.seconds(), fanOut.insertsPerSecond()));
                memory = redis.timelineMemory(options.timelinePattern(), 5_000);
                say(String.format("  memory: %.1f bytes per sorted-set entry over %,d keys %s", memory.bytesPerEntry(),
                        memory.keysSampled(), memory.encodings()));
            }
            if (measureCeilings) {
                awaitQuiet("the ceilings");
                ceilings.add(httpCeiling(api));
                URI redis = URI.create(stack.redisUri());
                say("  redis ceilings (" + (options.redisRequests()) + " requests each)...");
                List<CeilingResult> redisCeilings = new RedisCeiling(redis.getHost(), redis.getPort(),
                        options.redisRequests()).measure();
                redisCeilings.forEach(c -> say(String.format("  %s: %,.0f/s (%s)", c.name(), c.opsPerSecond(),
                        c.method())));
                ceilings.addAll(redisCeilings);
                awaitQuiet("the reference home reader");
                homeReadCeilings.addAll(ReferenceMeasurement.measure(api, json, loaded.accounts(), stack.redisUri(),
                        keepAlive, options.phaseSeconds()));
            }
            return new ModeResult(mode.label(), mode.description(), environment, load, List.copyOf(phases),
                    delivery, fanOut, memory, work.meanPageSize());
        }
    }

    private DeliveryResult delivery(SocialApi api, SocialGraph graph, List<Account> accounts, Workloads work)
            throws InterruptedException {
        Account probeAuthor = accounts.get(graph.probeAuthor());
        int[] followers = graph.probeFollowers();
        Operation background = work.compose();
        try (DeliveryTracker tracker = new DeliveryTracker(api, POLL_INTERVAL, DELIVERY_TIMEOUT)) {
            Operation normal = probe("post by 10k-follower author", api, tracker, "normal",
                    sequence -> probeAuthor, accounts, followers);
            Operation celebrity = probe("post by celebrity", api, tracker, "celebrity",
                    sequence -> accounts.get((int) (sequence / DELIVERY_PROBE_EVERY % graph.celebrities())),
                    accounts, followers);
            LongFunction<Operation> pick = sequence -> switch ((int) (sequence % DELIVERY_PROBE_EVERY)) {
                case 0 -> normal;
                case DELIVERY_PROBE_EVERY / 2 -> graph.celebrities() > 0 ? celebrity : background;
                default -> background;
            };
            PhaseResult phase = openLoop("delivery", rate("delivery"), options.deliverySeconds(), pick, true);
            Map<String, LatencyStats> seen = tracker.await();
            LatencyStats accepted = phase.operations().stream().filter(s -> s.operation().equals("post by celebrity"))
                    .findFirst().orElse(LatencyStats.of("post by celebrity", new org.HdrHistogram.Histogram(3), 0, 0));
            LatencyStats none = LatencyStats.of("-", new org.HdrHistogram.Histogram(3), 0, 0);
            DeliveryResult result = new DeliveryResult(rate("delivery"), POLL_INTERVAL.toMillis(),
                    DELIVERY_TIMEOUT.toSeconds(), graph.followerCount(graph.probeAuthor()),
                    seen.getOrDefault("normal", none), tracker.missed("normal"),
                    graph.celebrities() > 0 ? graph.followerCount(0) : 0, seen.getOrDefault("celebrity", none),
                    tracker.missed("celebrity"), accepted);
            say(String.format("  delivery p99: normal %.0f ms (%d missed), celebrity %.0f ms (%d missed)",
                    result.normal().p99Ms(), result.normalMissed(), result.celebrity().p99Ms(),
                    result.celebrityMissed()));
            return result;
        }
    }

    private static Operation probe(String name, SocialApi api, DeliveryTracker tracker, String kind,
                                   LongFunction<Account> author, List<Account> accounts, int[] followers) {
        return Operation.of(name, sequence -> api.compose(author.apply(sequence), "probe " + sequence)
                .thenApply(id -> {
                    if (id != null) {
                        Account follower = accounts.get(followers[(int) (sequence / DELIVERY_PROBE_EVERY
                                % followers.length)]);
                        tracker.watch(kind, id, System.nanoTime(), follower);
                    }
                    return id != null;
                }));
    }

    private PhaseResult openLoop(String name, double rate, int seconds, LongFunction<Operation> pick, boolean keep)
            throws InterruptedException {
        if (keep) {
            awaitQuiet(name);
        }
        OpenLoopRunner runner = new OpenLoopRunner(NanoClock.SYSTEM, options.maxInFlight(), Duration.ofSeconds(15));
        OpenLoopRunner.Result result;
        long total = (long) Math.ceil(rate * seconds);
        try (Progress progress = Progress.start(name + " @" + (long) rate + "/s", total)) {
            result = runner.run(rate, Duration.ofSeconds(seconds), total, pick, progress);
        }
        PhaseResult phase = new PhaseResult(name, "open-loop", rate, 0, result.seconds(),
                List.copyOf(result.operations().values()), result.maxSendLagMs());
        if (keep) {
            phases.add(phase);
            phase.operations().forEach(s -> say(String.format("  %-28s %-30s %,8.0f/s  p50 %6.1f  p99 %7.1f  "
                    + "p99.9 %7.1f ms  errors %d", name, s.operation(), s.throughputPerSecond(), s.p50Ms(), s.p99Ms(),
                    s.p999Ms(), s.errors())
                    + (s.errors() > 0 ? "  (first: " + result.firstErrors().getOrDefault(s.operation(), "timed out")
                    + ")" : "")));
        }
        return phase;
    }

    private void closedLoop(String name, Operation operation) throws InterruptedException {
        awaitQuiet(name);
        ClosedLoop.Result result = saturate(name, operation);
        phases.add(new PhaseResult(name, "closed-loop", 0, options.saturationConcurrency(), result.seconds(),
                List.copyOf(result.operations().values()), 0));
        say(String.format("  %-28s %,8.0f/s with %d keep-alive connections", name, result.throughputPerSecond(),
                options.saturationConcurrency()));
    }

    /**
     * Waits until every service has consumed what the previous phase produced (posts, likes and follows are applied
     * by other services after the HTTP answer), so a phase is measured alone and not beside that catch-up.
     */
    private void awaitQuiet(String phase) throws InterruptedException {
        long start = System.nanoTime();
        boolean quiet;
        try (ConsumerLag lag = new ConsumerLag(kafkaBootstrap)) {
            quiet = lag.awaitAllCaughtUp(QUIET_TIMEOUT);
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            say(String.format("  WARNING: consumers still behind after %.0f s; %s runs beside their catch-up", waited,
                    phase));
        } else if (waited >= 1) {
            say(String.format("  (waited %.0f s for the consumers to catch up before %s)", waited, phase));
        }
    }

    private CeilingResult httpCeiling(SocialApi api) throws InterruptedException {
        String url = api.feedServiceUrl() + "/q/health/live";
        ClosedLoop.Result result = saturate(Names.HTTP_CEILING, keepAlive.get("GET /q/health/live", url,
                sequence -> null));
        say(String.format("  %s: %,.0f/s", Names.HTTP_CEILING, result.throughputPerSecond()));
        return new CeilingResult(Names.HTTP_CEILING, result.throughputPerSecond(), KeepAliveHttp.GENERATOR,
                "GET " + url + ", " + keepAlive.connections() + " connections, " + options.phaseSeconds() + " s");
    }

    private ClosedLoop.Result saturate(String name, Operation operation) throws InterruptedException {
        try (Progress progress = Progress.start(name, 0)) {
            return keepAlive.saturate(operation, Duration.ofSeconds(options.phaseSeconds()), progress);
        }
    }

    private double rate(String name) {
        return options.rates().get(name);
    }

    private static LongFunction<Operation> fixed(Operation operation) {
        return sequence -> operation;
    }

    private static void say(String line) {
        System.out.println(line);
    }

    static void deleteRecursively(Path directory) throws java.io.IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
