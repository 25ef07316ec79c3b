package org.socialfeed.benchmark.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.RedisCeiling;
import org.socialfeed.benchmark.ceiling.StoreWriteCeilings;
import org.socialfeed.benchmark.graph.GraphLoader;
import org.socialfeed.benchmark.growth.HotQueryTimes;
import org.socialfeed.benchmark.growth.StoreGrowth;
import org.socialfeed.benchmark.graph.NotificationSeed;
import org.socialfeed.benchmark.graph.SocialGraph;
import org.socialfeed.benchmark.load.ClosedLoop;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.load.NanoClock;
import org.socialfeed.benchmark.load.OpenLoopRunner;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.load.Progress;
import org.socialfeed.benchmark.measure.ConsumerLag;
import org.socialfeed.benchmark.measure.FeedTimers;
import org.socialfeed.benchmark.measure.NotificationPageSources;
import org.socialfeed.benchmark.measure.ProcessCpu;
import org.socialfeed.benchmark.measure.RankingOutcomes;
import org.socialfeed.benchmark.measure.RedisStats;
import org.socialfeed.benchmark.report.DeliveryResult;
import org.socialfeed.benchmark.report.FanOutResult;
import org.socialfeed.benchmark.report.MixedDeliveryResult;
import org.socialfeed.benchmark.report.ModeResult;
import org.socialfeed.benchmark.report.Names;
import org.socialfeed.benchmark.report.NotificationLoad;
import org.socialfeed.benchmark.report.PhaseResult;
import org.socialfeed.benchmark.report.PostingResult;
import org.socialfeed.benchmark.report.ReadEndpoint;
import org.socialfeed.benchmark.report.ReadEndpointResult;
import org.socialfeed.benchmark.report.StoreGrowthResult;
import org.socialfeed.benchmark.profile.ProfileSummary;
import org.socialfeed.benchmark.profile.ServiceProfiler;
import org.socialfeed.events.Topics;
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
import java.util.Set;
import java.util.concurrent.CompletionException;
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
    private static final String NOTIFICATION_GROUP = "notification-service";
    private static final int NOTIFICATIONS_PAGE = 40;
    private static final int HOT_QUERY_SAMPLES = 2_000;
    /** Probes among the mix: few enough that the 10,000-follower author's fan-out is a share of the load, not all. */
    private static final double HOME_PROBES_PER_SECOND = 1;
    private static final double NOTIFICATION_PROBES_PER_SECOND = 2;
    private static final int STREAMING_READERS = 4;
    /** What the phases measured again after the store grew add to their names. */
    private static final String GROWN_STORE = " (grown store)";
    /** The stack's JVMs a post goes through (Kafka aside), each profiled over posting with {@code --profile}. */
    private static final List<String> POSTING_PATH = List.of("post-service", "feed-service", "notification-service",
            "user-service", "mongo-stand-in");

    private final BenchmarkOptions options;
    private final FanOutMode mode;
    private final Path projectRoot;
    private final Path results;
    private final ObjectMapper json;
    private final List<PhaseResult> phases = new ArrayList<>();
    private String kafkaBootstrap;
    private KeepAliveHttp keepAlive;
    /** CPU per request by process over the saturation phases (the stack's processes and the harness). */
    private ProcessCpu cpu;
    /** feed-service's timers of a post's way, read around the posting and delivery phases. */
    private FeedTimers feedTimers;
    /** feed-service's count of ranked first pages ranked anew or reused, read around the ranked read phases. */
    private RankingOutcomes rankingOutcomes;
    /** The stack's processes by name. */
    private Map<String, Long> processIds;
    /** Consumer groups still behind after loading: phases no longer wait for them (each says so instead). */
    private Set<String> laggards = Set.of();

    /** {@code results} is the run's results folder, where profiled phases leave their .jfr files. */
    public ModeRun(BenchmarkOptions options, FanOutMode mode, Path projectRoot, Path results, ObjectMapper json) {
        this.options = options;
        this.mode = mode;
        this.projectRoot = projectRoot;
        this.results = results;
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
            processIds = stack.processIds();
            cpu = new ProcessCpu(processIds);
            HttpClient http = SocialApi.newHttpClient();
            SocialApi api = new SocialApi(http, json, stack.serviceUrl(ServiceApp.USER),
                    stack.serviceUrl(ServiceApp.POST), stack.serviceUrl(ServiceApp.FEED),
                    stack.serviceUrl(ServiceApp.NOTIFICATION));
            feedTimers = new FeedTimers(http, api.feedServiceUrl());
            rankingOutcomes = new RankingOutcomes(http, api.feedServiceUrl());
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
            NotificationSeed.Seeded notificationReaders = NotificationSeed.seed(api, graph, loaded.accounts());
            NotificationLoad notifications = awaitNotifications(api, notificationReaders);
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
            DeliveryResult delivery = delivery(api, graph, loaded.accounts(), work, "");
            MixedDeliveryResult mixedDelivery = full ? mixedDelivery(api, graph, loaded.accounts(), work) : null;
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
            // after the phases that write: a read the store cannot answer in time (the client gives up after 10 s) may
            // keep the MongoDB stand-in busy after that, and must not delay the posts of the delivery phase
            List<ReadEndpointResult> reads = measureReads(stack, api, work, notificationReaders.readers(),
                    new NotificationPageSources(http, api.notificationServiceUrl()));
            PostingResult posting = measurePosting(api, work, "");
            if (measureCeilings) {
                awaitQuiet("the ceilings");
                ceilings.add(httpCeiling(api));
                ceilings.addAll(storeCeilings(stack.mongoUri()));
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
            StoreGrowthResult growth = full && options.grownPosts() > 0
                    ? growStore(stack.mongoUri(), api, graph, loaded.accounts(), work) : null;
            try (ConsumerLag lag = new ConsumerLag(kafkaBootstrap)) {
                notifications = notifications.withLagAtEnd(lag.lag(NOTIFICATION_GROUP, Topics.FOLLOWS));
            }
            return new ModeResult(mode.label(), mode.description(), environment, load, List.copyOf(phases),
                    delivery, fanOut, memory, work.meanPageSize(), reads, posting, notifications, growth,
                    mixedDelivery);
        }
    }

    /**
     * Issue 17's flat cost: the store's hot query times, then the store grown to {@code --grown-posts} posts and
     * {@code --grown-accounts} accounts, the times again, and posting and delivery measured again beside that data.
     */
    private StoreGrowthResult growStore(String mongoUri, SocialApi api, SocialGraph graph, List<Account> accounts,
                                        Workloads work) throws InterruptedException {
        awaitQuiet("the hot query times");
        say("  hot query times before the store grows (" + HOT_QUERY_SAMPLES + " of each)...");
        List<HotQueryTimes.QueryTime> before = HotQueryTimes.measure(mongoUri, HOT_QUERY_SAMPLES, 0, 0, 0);
        before.forEach(ModeRun::sayQueryTime);
        say(String.format("  growing the store to %,d posts and %,d accounts...", options.grownPosts(),
                options.grownAccounts()));
        long start = System.nanoTime();
        List<StoreGrowth.Growth> growths = StoreGrowth.grow(mongoUri, options.grownPosts(), options.grownAccounts(),
                ModeRun::say);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<HotQueryTimes.QueryTime> after = HotQueryTimes.measure(mongoUri, HOT_QUERY_SAMPLES, 1,
                options.grownPosts(), options.grownAccounts());
        say("  hot query times after it grew:");
        after.forEach(ModeRun::sayQueryTime);
        PostingResult posting = measurePosting(api, work, GROWN_STORE);
        DeliveryResult delivery = delivery(api, graph, accounts, work, GROWN_STORE);
        return new StoreGrowthResult(options.grownPosts(), options.grownAccounts(), growths, seconds, before, after,
                posting, delivery);
    }

    private static void sayQueryTime(HotQueryTimes.QueryTime time) {
        say(String.format("  %-24s %-30s p50 %6.0f us  p99 %7.0f us", time.collection(), time.query(),
                time.stats().p50Ms() * 1000, time.stats().p99Ms() * 1000));
    }

    private DeliveryResult delivery(SocialApi api, SocialGraph graph, List<Account> accounts, Workloads work,
                                    String label) throws InterruptedException {
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
            PhaseResult phase = openLoop("delivery" + label, rate("delivery"), options.deliverySeconds(), pick, true);
            Map<String, LatencyStats> seen = tracker.await();
            LatencyStats accepted = phase.operations().stream().filter(s -> s.operation().equals("post by celebrity"))
                    .findFirst().orElse(LatencyStats.none("post by celebrity"));
            LatencyStats none = LatencyStats.none("-");
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

    /**
     * Issue 17's delivery under load: DeathStarBench's mix (60% home reads, 30% account-timeline reads, 10% posts) on
     * the keep-alive connections, saturated, then offered at 70% of the rate it is sustained at end to end (the
     * saturated phase's requests over its length and the services' catch-up after it) in an open loop in which a few
     * requests are probe posts instead: by the 10,000-follower author, watched in a follower's home timeline, and
     * mentioning a reader whose notification stream is open, watched on that stream.
     */
    private MixedDeliveryResult mixedDelivery(SocialApi api, SocialGraph graph, List<Account> accounts,
                                              Workloads work) throws InterruptedException {
        LongFunction<Operation> mix = work.mix(homeRead(Names.HOME, api, work),
                accountStatusesRead(Names.USER_TIMELINE, api, work), posting(api, work));
        awaitQuiet(Names.MIX_SATURATION);
        ClosedLoop.Result saturated;
        try (Progress progress = Progress.start(Names.MIX_SATURATION, 0)) {
            saturated = keepAlive.saturate(mix, Duration.ofSeconds(options.phaseSeconds()), progress);
        }
        phases.add(new PhaseResult(Names.MIX_SATURATION, "closed-loop", 0, keepAlive.connections(),
                saturated.seconds(), List.copyOf(saturated.operations().values()), 0));
        say(String.format("  %-34s %,8.0f/s (%d keep-alive connections)%s", Names.MIX_SATURATION,
                saturated.throughputPerSecond(), keepAlive.connections(), saturated.firstFailure() == null ? ""
                        : " (first failure: " + saturated.firstFailure() + ")"));
        // what the saturated phase caused is applied after it (fan-out, notifications, counters): a rate is sustained
        // only with that work done, so 70% of the closed loop's own rate would offer more than the stack keeps up with
        double catchUp = awaitQuiet(Names.MIX_DELIVERY);
        double sustained = saturated.completed() / (saturated.seconds() + catchUp);
        say(String.format("  %-34s %,8.0f/s end to end (the services applied it in %.0f s more)", Names.MIX_SATURATION,
                sustained, catchUp));
        double offered = ReadEndpoint.OPEN_LOOP_SHARE * sustained;
        long homeEvery = Math.max(1, Math.round(offered / HOME_PROBES_PER_SECOND));
        long notificationEvery = Math.max(2, Math.round(offered / NOTIFICATION_PROBES_PER_SECOND));
        Account probeAuthor = accounts.get(graph.probeAuthor());
        int[] regulars = graph.regularActors();
        List<Account> streaming = java.util.stream.IntStream.range(0, STREAMING_READERS)
                .mapToObj(i -> accounts.get(regulars[i * regulars.length / STREAMING_READERS])).toList();
        try (DeliveryTracker tracker = new DeliveryTracker(api, POLL_INTERVAL, DELIVERY_TIMEOUT);
             NotificationStreams streams = NotificationStreams.open(api.notificationServiceUrl(), streaming,
                     DELIVERY_TIMEOUT)) {
            Operation homeProbe = probe("post by 10k-follower author (probe)", api, tracker, "normal",
                    sequence -> probeAuthor, accounts, graph.probeFollowers());
            Operation mentionProbe = Operation.of("post mentioning a streaming reader (probe)", sequence -> {
                Account reader = streaming.get((int) (sequence / notificationEvery % streaming.size()));
                Account author = work.poster(sequence);
                String marker = NotificationStreams.marker(sequence);
                return api.compose(author.index() == reader.index() ? probeAuthor : author, "@" + reader.username()
                        + " " + marker).thenApply(id -> {
                            if (id != null) {
                                streams.watch(marker, System.nanoTime());
                            }
                            return id != null;
                        });
            });
            LongFunction<Operation> pick = sequence -> sequence % homeEvery == 0 ? homeProbe
                    : sequence % notificationEvery == notificationEvery / 2 ? mentionProbe : mix.apply(sequence);
            Duration window = Duration.ofSeconds(options.mixedDeliverySeconds());
            FeedTimers.Snapshot timersBefore = feedTimers.snapshot();
            OpenLoopRunner.Result open;
            try (Progress progress = Progress.start(Names.MIX_DELIVERY + " @" + (long) offered + "/s",
                    (long) Math.ceil(offered * window.toSeconds()))) {
                open = keepAlive.offer(pick, offered, window, progress);
            }
            PhaseResult phase = new PhaseResult(Names.MIX_DELIVERY, "open-loop", offered, 0, open.seconds(),
                    List.copyOf(open.operations().values()), open.maxSendLagMs());
            phases.add(phase);
            phase.operations().forEach(s -> say(String.format("  %-28s %-44s %,8.0f/s  p50 %6.1f  p99 %7.1f ms  "
                    + "errors %d", Names.MIX_DELIVERY, s.operation(), s.throughputPerSecond(), s.p50Ms(), s.p99Ms(),
                    s.errors())));
            LatencyStats home = tracker.await().getOrDefault("normal", LatencyStats.none("normal"));
            LatencyStats notification = streams.await();
            List<FeedTimers.Hop> hops = feedTimers.snapshot().since(timersBefore);
            MixedDeliveryResult result = new MixedDeliveryResult(saturated.throughputPerSecond(), catchUp, sustained,
                    offered, open.sentPerSecond(window), POLL_INTERVAL.toMillis(), DELIVERY_TIMEOUT.toSeconds(),
                    offered / homeEvery,
                    graph.followerCount(graph.probeAuthor()), home, tracker.missed("normal"),
                    offered / notificationEvery, streaming.size(), notification, streams.missed(), hops);
            say(String.format("  delivery under the mix at %,.0f/s: home p99 %.0f ms (%d missed of %d), notification "
                            + "stream p99 %.0f ms (%d missed of %d)", offered, home.p99Ms(), result.homeMissed(),
                    home.count() + result.homeMissed(), notification.p99Ms(), result.notificationMissed(),
                    notification.count() + result.notificationMissed()));
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

    /**
     * Waits, up to {@code --notification-wait}, until notification-service has read what the load produced, then
     * reads each notification reader's first pages. If it is still behind, later phases stop waiting for it (each
     * says how far behind it is) instead of each waiting out the timeout.
     */
    private NotificationLoad awaitNotifications(SocialApi api, NotificationSeed.Seeded seeded)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.notificationWaitSeconds()).toNanos();
        boolean caughtUp = true;
        long behind;
        try (ConsumerLag lag = new ConsumerLag(kafkaBootstrap)) {
            for (String topic : List.of(Topics.POSTS, Topics.INTERACTIONS, Topics.FOLLOWS)) {
                long behindNow = Math.max(1, lag.lag(NOTIFICATION_GROUP, topic));
                caughtUp &= lag.awaitCaughtUp(NOTIFICATION_GROUP, topic, behindNow,
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), "notification-service reads "
                                + topic);
            }
            behind = lag.lag(NOTIFICATION_GROUP, Topics.FOLLOWS);
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (!caughtUp) {
            laggards = Set.of(NOTIFICATION_GROUP);
            say(String.format("  WARNING: notification-service is still %,d follow events behind after %.0f s; the "
                    + "phases run beside its catch-up", behind, waited));
        }
        double v1 = 0;
        double v2 = 0;
        int answered = 0;
        for (Account reader : seeded.readers()) {
            try {
                double pageV1 = api.pageSize(api.notifications(reader, 1, NOTIFICATIONS_PAGE).join());
                double pageV2 = api.pageSize(api.notifications(reader, 2, NOTIFICATIONS_PAGE).join());
                v1 += pageV1;
                v2 += pageV2;
                answered++;
            } catch (CompletionException e) {
                // a read stuck behind the catch-up past the client's timeout: counted and said, not the end of the run
            }
        }
        int readers = seeded.readers().size();
        if (answered < readers) {
            say(String.format("  WARNING: %d of %d notification readers' first pages did not answer within the client's "
                    + "timeout while notification-service caught up", readers - answered, readers));
        }
        int measured = Math.max(1, answered);
        say(String.format("  notification readers: %d, first pages of %d hold %.1f notifications (v1), %.1f groups "
                + "(v2)", readers, NOTIFICATIONS_PAGE, v1 / measured, v2 / measured));
        return new NotificationLoad(readers, seeded.interactions(), v1 / measured, v2 / measured, caughtUp, waited,
                behind, behind);
    }

    /** Every read endpoint, saturated and then offered 70% of that, in the order of {@link ReadEndpoint}. */
    private List<ReadEndpointResult> measureReads(SocialfeedStack stack, SocialApi api, Workloads work,
                                                  List<Account> notificationReaders,
                                                  NotificationPageSources pageSources) throws InterruptedException {
        LongFunction<String> notificationReader = sequence -> notificationReaders.get(
                (int) (sequence % notificationReaders.size())).token();
        List<ReadEndpointResult> reads = new ArrayList<>();
        for (ReadEndpoint endpoint : ReadEndpoint.values()) {
            String name = endpoint.operation();
            Operation read = switch (endpoint) {
                case HOME -> homeRead(name, api, work);
                case HOME_RANKED -> keepAlive.get(name, api.feedServiceUrl() + "/api/v1/timelines/home/ranked?limit="
                        + Workloads.PAGE, sequence -> work.homeReader(sequence).token());
                case ACCOUNT_STATUSES -> accountStatusesRead(name, api, work);
                case NOTIFICATIONS_V1 -> keepAlive.get(name, api.notificationServiceUrl()
                        + "/api/v1/notifications?limit=" + NOTIFICATIONS_PAGE, notificationReader);
                case NOTIFICATIONS_V2 -> keepAlive.get(name, api.notificationServiceUrl()
                        + "/api/v2/notifications?limit=" + NOTIFICATIONS_PAGE, notificationReader);
            };
            reads.add(measureRead(endpoint, read, stack.service(serviceOf(endpoint)).pid(), pageSources));
        }
        return reads;
    }

    private Operation homeRead(String name, SocialApi api, Workloads work) {
        return keepAlive.get(name, api.feedServiceUrl() + "/api/v1/timelines/home?limit=" + Workloads.PAGE,
                sequence -> work.homeReader(sequence).token());
    }

    private Operation accountStatusesRead(String name, SocialApi api, Workloads work) {
        return keepAlive.get(name, api.postServiceUrl(), sequence -> "/api/v1/accounts/"
                        + work.userTimelineAuthor(sequence).id() + "/statuses?limit=" + Workloads.PAGE,
                sequence -> work.userTimelineReader(sequence).token());
    }

    private Operation posting(SocialApi api, Workloads work) {
        return keepAlive.postJson(Names.POST_STATUS, api.postServiceUrl() + "/api/v1/statuses",
                sequence -> "{\"status\":\"" + Workloads.postText(sequence) + "\",\"visibility\":\"public\"}",
                sequence -> work.poster(sequence).token());
    }

    private ReadEndpointResult measureRead(ReadEndpoint endpoint, Operation read, long servicePid,
                                           NotificationPageSources pageSources) throws InterruptedException {
        awaitQuiet(endpoint.saturationPhase());
        ServiceProfiler.Session profiling = options.profile() ? startProfiling(endpoint, servicePid) : null;
        // unmeasured first: the generator's client and the service's endpoint reach this rate here for the first
        // time, and their JITs' compiling would be charged to the phase (the reference reader is warmed up too)
        saturate(endpoint.saturationPhase() + (profiling != null
                ? " (the JIT recompiles after the profiler started)" : " (warm-up)"), read);
        if (profiling != null) {
            profiling.measureFromNow();
        }
        NotificationPageSources.Counts sourcesBefore = endpoint.isNotifications() ? pageSources.snapshot() : null;
        Map<String, Long> rankingsBefore = endpoint == ReadEndpoint.HOME_RANKED ? rankingOutcomes.snapshot() : null;
        ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
        ClosedLoop.Result saturated = saturate(endpoint.saturationPhase(), read);
        LatencyStats atLimit = saturated.operations().getOrDefault(read.name(), LatencyStats.none(read.name()));
        ProcessCpu.Usage cpuPerRead = cpu.snapshot().since(cpuBefore, atLimit.count());
        ProfileSummary profile = profiling == null ? null : finishProfiling(profiling, atLimit.count());
        phases.add(new PhaseResult(endpoint.saturationPhase(), "closed-loop", 0, keepAlive.connections(),
                saturated.seconds(), List.copyOf(saturated.operations().values()), 0));
        say(String.format("  %-34s %,8.0f/s  p50 %6.1f  p99 %7.1f  p99.9 %7.1f ms  errors %d (%d keep-alive "
                        + "connections)%s", endpoint.saturationPhase(), saturated.throughputPerSecond(),
                atLimit.p50Ms(), atLimit.p99Ms(), atLimit.p999Ms(), saturated.failed(), keepAlive.connections(),
                saturated.firstFailure() == null ? "" : " (first: " + saturated.firstFailure() + ")"));
        if (profile != null && profile.reads() > 0) {
            say(String.format("  %-34s %.3f CPU ms and %.1f KiB allocated per read in %s (%s)", "profile",
                    profile.cpuMsPerRead(), profile.allocatedBytesPerRead() / 1024, profile.service(),
                    profile.recording()));
        }
        double offered = ReadEndpoint.OPEN_LOOP_SHARE * saturated.throughputPerSecond();
        if (offered < 1) {
            return new ReadEndpointResult(endpoint, keepAlive.connections(), atLimit, 0, 0, null, 0, profile,
                    cpuPerRead, pagesServed(pageSources, sourcesBefore), rankings(rankingsBefore));
        }
        Duration window = Duration.ofSeconds(options.phaseSeconds());
        OpenLoopRunner.Result open;
        try (Progress progress = Progress.start(endpoint.openLoopPhase() + " @" + (long) offered + "/s",
                (long) Math.ceil(offered * options.phaseSeconds()))) {
            open = keepAlive.offer(read, offered, window, progress);
        }
        LatencyStats below = open.operations().getOrDefault(read.name(), LatencyStats.none(read.name()));
        phases.add(new PhaseResult(endpoint.openLoopPhase(), "open-loop", offered, 0, open.seconds(),
                List.copyOf(open.operations().values()), open.maxSendLagMs()));
        say(String.format("  %-34s %,8.0f/s offered, %,.0f/s sent, %,.0f/s done  p50 %6.1f  p99 %7.1f  p99.9 %7.1f ms"
                        + "  errors %d", endpoint.openLoopPhase(), offered, open.sentPerSecond(window),
                below.throughputPerSecond(), below.p50Ms(), below.p99Ms(), below.p999Ms(), below.errors()));
        return new ReadEndpointResult(endpoint, keepAlive.connections(), atLimit, offered, open.sentPerSecond(window),
                below, open.maxSendLagMs(), profile, cpuPerRead, pagesServed(pageSources, sourcesBefore),
                rankings(rankingsBefore));
    }

    /** How the ranked first pages since {@code before} were answered (null if not the ranked read), said as it is. */
    private Map<String, Long> rankings(Map<String, Long> before) throws InterruptedException {
        if (before == null) {
            return null;
        }
        Map<String, Long> phase = RankingOutcomes.since(before, rankingOutcomes.snapshot());
        say("  ranked first pages " + phase);
        return phase;
    }

    /** Which store answered the pages since {@code before} (null if not a notification read), said as it is. */
    private NotificationPageSources.Counts pagesServed(NotificationPageSources pageSources,
                                                      NotificationPageSources.Counts before)
            throws InterruptedException {
        if (before == null) {
            return null;
        }
        NotificationPageSources.Counts served = pageSources.snapshot().since(before);
        say("  notification pages by source " + served.bySource() + ", Redis missed " + served.missedByReason());
        return served;
    }

    /**
     * Posting saturated by the keep-alive connections, then the time the services take to apply it, then posting
     * offered at the posting rate in an open loop.
     */
    private PostingResult measurePosting(SocialApi api, Workloads work, String label) throws InterruptedException {
        String saturation = Names.POSTING_SATURATION + label;
        String openLoop = Names.POSTING_OPEN_LOOP + label;
        Operation post = posting(api, work);
        awaitQuiet(saturation);
        List<ServiceProfiler.Session> profiling = options.profile() ? startPostingProfiles(label) : List.of();
        if (!profiling.isEmpty()) {
            saturate(saturation + " (the JIT recompiles after the profiler started)", post);
            awaitQuiet(saturation);
            profiling.forEach(ServiceProfiler.Session::measureFromNow);
        }
        ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
        FeedTimers.Snapshot timersBefore = feedTimers.snapshot();
        ClosedLoop.Result saturated = saturate(saturation, post);
        LatencyStats atLimit = saturated.operations().getOrDefault(Names.POST_STATUS,
                LatencyStats.none(Names.POST_STATUS));
        phases.add(new PhaseResult(saturation, "closed-loop", 0, keepAlive.connections(),
                saturated.seconds(), List.copyOf(saturated.operations().values()), 0));
        double catchUp = awaitQuiet(openLoop);
        ProcessCpu.Usage cpuPerPost = cpu.snapshot().since(cpuBefore, atLimit.count());
        List<FeedTimers.Hop> hops = feedTimers.snapshot().since(timersBefore);
        List<ProfileSummary> profiles = new ArrayList<>();
        for (ServiceProfiler.Session session : profiling) {
            ProfileSummary profile = finishProfiling(session, atLimit.count());
            if (profile != null) {
                profiles.add(profile);
                say(String.format("  %-34s %.3f CPU ms and %.1f KiB allocated per post in %s (%s)", "profile",
                        profile.cpuMsPerRead(), profile.allocatedBytesPerRead() / 1024, profile.service(),
                        profile.recording()));
            }
        }
        double applied = atLimit.count() / (saturated.seconds() + catchUp);
        say(String.format("  %-34s %,8.0f/s  p50 %6.1f  p99 %7.1f  p99.9 %7.1f ms  errors %d (%d keep-alive "
                        + "connections); applied by every service in %.1f s more: %,.0f posts/s end to end%s",
                saturation, saturated.throughputPerSecond(), atLimit.p50Ms(), atLimit.p99Ms(),
                atLimit.p999Ms(), saturated.failed(), keepAlive.connections(), catchUp, applied,
                saturated.firstFailure() == null ? "" : " (first failure: " + saturated.firstFailure() + ")"));
        double offered = rate("posting");
        Duration window = Duration.ofSeconds(options.phaseSeconds());
        OpenLoopRunner.Result open;
        try (Progress progress = Progress.start(openLoop + " @" + (long) offered + "/s",
                (long) Math.ceil(offered * options.phaseSeconds()))) {
            open = keepAlive.offer(post, offered, window, progress);
        }
        LatencyStats below = open.operations().getOrDefault(Names.POST_STATUS, LatencyStats.none(Names.POST_STATUS));
        phases.add(new PhaseResult(openLoop, "open-loop", offered, 0, open.seconds(),
                List.copyOf(open.operations().values()), open.maxSendLagMs()));
        say(String.format("  %-34s %,8.0f/s offered, %,.0f/s sent, %,.0f/s done  p50 %6.1f  p99 %7.1f  p99.9 %7.1f ms"
                        + "  errors %d", openLoop, offered, open.sentPerSecond(window),
                below.throughputPerSecond(), below.p50Ms(), below.p99Ms(), below.p999Ms(), below.errors()));
        return new PostingResult(keepAlive.connections(), atLimit, offered, open.sentPerSecond(window), below, catchUp,
                applied, cpuPerPost, hops, profiles);
    }

    /** A profiler that fails (no jcmd, attach refused) costs the run its profile, not its figures. */
    private ServiceProfiler.Session startProfiling(ReadEndpoint endpoint, long pid) throws InterruptedException {
        try {
            return ServiceProfiler.start(endpoint.service(), pid,
                    results.resolve(mode.label() + "-" + endpoint.operation() + ".jfr"));
        } catch (java.io.IOException e) {
            say("  WARNING: no profile of " + endpoint.saturationPhase() + ": " + e.getMessage());
            return null;
        }
    }

    /** A recording in each JVM of the posting path; one that cannot be profiled is left out, said as it is. */
    private List<ServiceProfiler.Session> startPostingProfiles(String label) throws InterruptedException {
        List<ServiceProfiler.Session> sessions = new ArrayList<>();
        for (String process : POSTING_PATH) {
            Long pid = processIds.get(process);
            if (pid == null) {
                continue;
            }
            try {
                sessions.add(ServiceProfiler.start(process, pid, results.resolve(mode.label() + "-posting"
                        + (label.isEmpty() ? "" : "-grown") + "-" + process + ".jfr")));
            } catch (java.io.IOException e) {
                say("  WARNING: no profile of " + process + " while posting: " + e.getMessage());
            }
        }
        return sessions;
    }

    private ProfileSummary finishProfiling(ServiceProfiler.Session profiling, long reads) throws InterruptedException {
        try {
            return profiling.finish(reads);
        } catch (java.io.IOException e) {
            say("  WARNING: the profile could not be read: " + e.getMessage());
            return null;
        }
    }

    private static ServiceApp serviceOf(ReadEndpoint endpoint) {
        return java.util.Arrays.stream(ServiceApp.values()).filter(app -> app.module().equals(endpoint.service()))
                .findFirst().orElseThrow();
    }

    /**
     * Waits until every service has consumed what the previous phase produced (posts, likes and follows are applied
     * by other services after the HTTP answer), so a phase is measured alone and not beside that catch-up.
     *
     * @return the seconds waited
     */
    private double awaitQuiet(String phase) throws InterruptedException {
        long start = System.nanoTime();
        boolean quiet;
        try (ConsumerLag lag = new ConsumerLag(kafkaBootstrap)) {
            quiet = lag.awaitAllCaughtUp(QUIET_TIMEOUT, laggards);
            if (laggards.contains(NOTIFICATION_GROUP)) {
                say(String.format("  (notification-service is %,d follow events behind: %s shares the cores with its "
                        + "catch-up)", lag.lag(NOTIFICATION_GROUP, Topics.FOLLOWS), phase));
            }
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            say(String.format("  WARNING: consumers still behind after %.0f s; %s runs beside their catch-up", waited,
                    phase));
        } else if (waited >= 1) {
            say(String.format("  (waited %.0f s for the consumers to catch up before %s)", waited, phase));
        }
        return waited;
    }

    /** The stores' own write rates; one that fails costs the report its figure, not the run. */
    private List<CeilingResult> storeCeilings(String mongoUri) throws InterruptedException {
        Duration window = Duration.ofSeconds(options.phaseSeconds());
        List<CeilingResult> stores = new ArrayList<>();
        try {
            stores.add(StoreWriteCeilings.mongoInserts(mongoUri, window));
            stores.add(StoreWriteCeilings.kafkaProducer(kafkaBootstrap, window));
        } catch (RuntimeException e) {
            say("  WARNING: a store's write rate could not be measured: " + e.getMessage());
        }
        stores.forEach(store -> say(String.format("  %s: %,.0f/s (%s)", store.name(), store.opsPerSecond(),
                store.method())));
        return stores;
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
