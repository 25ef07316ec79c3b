package org.socialfeed.benchmark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.StoreWriteCeilings;
import org.socialfeed.benchmark.graph.LoadSummary;
import org.socialfeed.benchmark.growth.HotQueryTimes;
import org.socialfeed.benchmark.growth.StoreGrowth;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.measure.FeedTimers;
import org.socialfeed.benchmark.measure.NotificationPageSources;
import org.socialfeed.benchmark.measure.ProcessCpu;
import org.socialfeed.benchmark.load.Wrk;
import org.socialfeed.benchmark.measure.RedisStats;
import org.socialfeed.benchmark.profile.ProfileSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private final ObjectMapper json = new ObjectMapper();

    static final ProfileSummary HOME_PROFILE = new ProfileSummary("feed-service", "hybrid-read-home-timeline.jfr",
            90_000, 0.21, 48_128, 2_400, List.of(new ProfileSummary.Hotspot("io.vertx.core.Foo.bar", 600, 0.25),
            new ProfileSummary.Hotspot("com.fasterxml.jackson.Baz.qux", 300, 0.125)),
            List.of(new ProfileSummary.Hotspot("io.vertx.core", 900, 0.375)),
            List.of(new ProfileSummary.Hotspot("org.socialfeed.feed.timeline.rest.HomeTimelineRoute.home", 1_800,
                    0.75)));

    /** Most pages from Redis, a few from MongoDB because the model was not built or a group's set was missing. */
    static final NotificationPageSources.Counts NOTIFICATION_PAGES = new NotificationPageSources.Counts(
            Map.of("redis", 9_000L, "mongodb", 40L, "none-mongodb-busy", 2L),
            Map.of("not-built", 4L, "group-incomplete", 36L));

    static LatencyStats stats(String operation, double perSecond, double p99Ms) {
        return new LatencyStats(operation, (long) perSecond * 12, 0, perSecond, p99Ms / 3, p99Ms, p99Ms * 1.5,
                p99Ms * 2, p99Ms / 2);
    }

    static ReadEndpointResult read(ReadEndpoint endpoint, LatencyStats saturated, double offered,
                                   LatencyStats atOffered, ProfileSummary profile) {
        return new ReadEndpointResult(endpoint, 32, saturated, offered, atOffered.throughputPerSecond(), atOffered,
                0.3, profile, new ProcessCpu.Usage(Map.of("feed-service", 0.21, "redis", 0.05, "harness", 0.04),
                0.97), endpoint.isNotifications() ? NOTIFICATION_PAGES : null,
                endpoint == ReadEndpoint.HOME_RANKED ? Map.of("computed", 150L, "reused", 14_850L) : null);
    }

    static Report sample() {
        LatencyStats home = new LatencyStats(Names.HOME, 60_000, 0, 5_000, 1.2, 8.5, 15.0, 30.0, 1.6);
        LatencyStats saturated = new LatencyStats(Names.HOME, 90_000, 0, 7_500, 3.0, 9.0, 12.0, 20.0, 3.5);
        LatencyStats normal = new LatencyStats("normal", 25, 0, 0, 180, 650, 700, 700, 200);
        LatencyStats celebrity = new LatencyStats("celebrity", 25, 0, 0, 40, 90, 95, 95, 45);
        LatencyStats accepted = new LatencyStats("post by celebrity", 25, 0, 1, 6, 30, 31, 31, 7);
        LoadSummary load = new LoadSummary(600, 30, 6_000, 12, 330_000, 150_000, 4, 1_800, 6, true, 20, 10_800,
                List.of(150_300, 100_250), 150_000);
        List<ReadEndpointResult> reads = List.of(
                read(ReadEndpoint.HOME, saturated, 5_250, new LatencyStats(Names.HOME, 63_000, 0, 5_250, 1.0, 4.0, 6.0,
                        9.0, 1.2), HOME_PROFILE),
                read(ReadEndpoint.HOME_RANKED, stats("read-home-ranked", 4_200, 14.0), 2_940,
                        stats("read-home-ranked", 2_940, 6.0), null),
                read(ReadEndpoint.ACCOUNT_STATUSES, stats("read-account-statuses", 6_000, 8.0), 4_200,
                        stats("read-account-statuses", 4_200, 3.0), null),
                read(ReadEndpoint.NOTIFICATIONS_V1, stats("read-notifications-v1", 4_500, 12.0), 3_150,
                        stats("read-notifications-v1", 3_150, 5.0), null),
                // grouped reads: below half of home, and the generator sent less than the schedule held
                read(ReadEndpoint.NOTIFICATIONS_V2, stats("read-notifications-v2", 3_000, 20.0), 2_100,
                        stats("read-notifications-v2", 2_000, 30.0), null));
        NotificationLoad notifications = new NotificationLoad(4, 576, 40, 38.5, false, 300, 120_000, 80_000);
        // posting: 500/s offered and done, p99 within 100 ms
        PostingResult posting = new PostingResult(32, stats(Names.POST_STATUS, 900, 60.0), 500, 500,
                stats(Names.POST_STATUS, 500, 40.0), 3.5, 600,
                new ProcessCpu.Usage(Map.of("post-service", 1.7, "feed-service", 3.4), 1.0),
                List.of(new FeedTimers.Hop("events.delay", "posts.events", 4_500, 310, 250, 1_100),
                        new FeedTimers.Hop("posts.delivery", "", 4_500, 330, 260, 1_150)),
                List.of(new ProfileSummary("post-service", "hybrid-posting-post-service.jfr", 4_500, 1.62, 96_000,
                        3_100, List.of(), List.of(), List.of())));
        // the grown store: posting at 0.9 of before, delivery p99 at 1.1 of before, no probe missed
        StoreGrowthResult growth = new StoreGrowthResult(1_000_000, 100_000,
                List.of(new StoreGrowth.Growth("posts.posts", 8_000, 1_000_000, 170)), 420,
                List.of(new HotQueryTimes.QueryTime("posts.posts", "find {_id}", stats("find {_id}", 5_000, 0.4))),
                List.of(new HotQueryTimes.QueryTime("posts.posts", "find {_id}", stats("find {_id}", 4_000, 0.5)),
                        new HotQueryTimes.QueryTime("posts.posts", "find {_id} stored long ago",
                                stats("find {_id} stored long ago", 1_000, 2.0))),
                new PostingResult(32, stats(Names.POST_STATUS, 810, 70.0), 500, 500,
                        stats(Names.POST_STATUS, 500, 45.0), 4, 540, ProcessCpu.Usage.NONE, List.of(),
                        List.of()),
                new DeliveryResult(100, 20, 10, 10_800, new LatencyStats("normal", 25, 0, 0, 190, 715, 750, 750, 210),
                        0, 150_300, celebrity, 0, accepted));
        ModeResult hybrid = new ModeResult(Names.HYBRID, "hybrid fan-out",
                Map.of("SOCIAL_FEED_CELEBRITY_THRESHOLD", "50000"), load,
                List.of(new PhaseResult(Names.HOME, "open-loop", 5_000, 0, 12, List.of(home), 0.4),
                        new PhaseResult(Names.HOME_SATURATION, "closed-loop", 0, 32, 12, List.of(saturated), 0)),
                new DeliveryResult(100, 20, 10, 10_800, normal, 0, 150_300, celebrity, 0, accepted),
                new FanOutResult(100, 360_000, 360_000, 2.4, 150_000, true),
                new RedisStats.TimelineMemory(5_000, 400_000, 9_000_000, 22.5, 80, Map.of("ziplist", 5_000L), 90_000_000),
                19.6, reads, posting, notifications, growth, new MixedDeliveryResult(500, 2.5, 400, 280, 280, 20, 10, 1,
                10_800, new LatencyStats("normal", 30, 0, 0, 200, 800, 850, 850, 250), 0, 2, 4,
                new LatencyStats("notification", 60, 0, 0, 30, 1_200, 1_300, 1_300, 40), 1,
                List.of(new FeedTimers.Hop("events.batches", "posts.events", 120, 35, 40, 90))));
        ModeResult write = new ModeResult("write", "pure fan-out on write",
                Map.of("SOCIAL_FEED_CELEBRITY_THRESHOLD", "2147483647"), load,
                List.of(new PhaseResult(Names.HOME, "open-loop", 5_000, 0, 12, List.of(home), 0.4)),
                new DeliveryResult(100, 20, 10, 10_800, normal, 3, 150_300, celebrity, 7, accepted),
                new FanOutResult(100, 360_000, 200_000, 3, 66_000, false), null, 20, List.of(), null, null, null,
                null);
        List<ModeResult> modes = List.of(hybrid, write);
        List<CeilingResult> ceilings = List.of(
                new CeilingResult(Names.ZADD_CEILING, 280_000, "redis-benchmark", "redis-benchmark -P 32 <a&b>"),
                new CeilingResult(Names.ZREVRANGE_CEILING, 500_000, "redis-benchmark", "redis-benchmark -P 16"),
                new CeilingResult(Names.HTTP_CEILING, 15_000, "harness HTTP client", "GET /q/health/live"),
                new CeilingResult(StoreWriteCeilings.MONGO_INSERTS, 4_500, "official MongoDB driver", "insertOne"),
                new CeilingResult(StoreWriteCeilings.KAFKA_PRODUCER, 90_000, "Kafka's Java producer", "send"));
        List<HomeReadCeiling> reference = List.of(
                new HomeReadCeiling("liked none", KeepAliveHttp.GENERATOR, 15_000, 4.0, 0, "GET ... 32 connections"),
                new HomeReadCeiling("liked none", Wrk.GENERATOR, 16_000, 3.8, 0, "wrk -t2 -c32 -d12s --latency"),
                new HomeReadCeiling("liked 100", KeepAliveHttp.GENERATOR, 12_000, 4.7, 0, "GET ... 32 connections"),
                new HomeReadCeiling("liked 100", Wrk.GENERATOR, 11_000, 4.9, 0, "wrk -t2 -c32 -d12s --latency"));
        return new Report("2025-06-01T10:00", 600, new Report.Machine("Linux", "Test CPU", 2, 8L << 30, "17"),
                "bin/benchmark --quick", Map.of("profile", "quick"), modes, ceilings, reference,
                Verdicts.headlines(modes, ceilings, reference), Verdicts.targets(modes, ceilings, reference));
    }

    @Test
    void writesJsonMarkdownAndSelfContainedHtml(@TempDir Path dir) throws Exception {
        new ReportWriter(json).write(sample(), dir);

        JsonNode parsed = json.readTree(dir.resolve("report.json").toFile());
        assertThat(parsed.get("modes")).hasSize(2);
        assertThat(parsed.at("/modes/0/fanOut/insertsPerSecond").asDouble()).isEqualTo(150_000);
        assertThat(parsed.at("/ceilings/0/method").asText()).isEqualTo("redis-benchmark");
        assertThat(parsed.get("targets")).hasSize(14);
        assertThat(parsed.at("/modes/0/reads/3/endpoint").asText()).isEqualTo("NOTIFICATIONS_V1");
        assertThat(parsed.at("/modes/0/reads/0/profile/cpuMsPerRead").asDouble()).isEqualTo(0.21);
        assertThat(parsed.at("/homeReadCeilings/1/generator").asText()).isEqualTo("wrk");

        String markdown = Files.readString(dir.resolve("report.md"));
        assertThat(markdown)
                .contains("| mode | phase | operation | offered /s | done /s | p50 ms | p99 ms | p99.9 ms | errors |")
                .contains("| hybrid | read-home-timeline | read-home-timeline | 5,000 | 5,000 | 1.2 | 8.5 | 15.0 | 0 |")
                .contains("| measure | hybrid | write |")
                .contains("| reference reader, liked none | wrk | 16,000 | 3.8 | 0 | 1 (the limit) |")
                .contains("| hybrid: feed-service, the graph's readers | " + KeepAliveHttp.GENERATOR
                        + " | 7,500 | 9.0 | 0 | 0.50 of liked none, 0.63 of liked 100 |")
                .contains("Test CPU, 2 CPUs");

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</html>")
                .contains("&lt;a&amp;b&gt;").doesNotContain("<script", "src=", "href=");
    }

    @Test
    void headlinesAreRatiosToTheCeilingsOfTheSameRun() {
        Report report = sample();

        assertThat(report.headlines()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("hybrid: fan-out / pipelined ZADD ceiling");
            assertThat(h.value()).isCloseTo(150_000 / 280_000.0, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(report.headlines()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("hybrid: home-timeline reads / HTTP ceiling");
            assertThat(h.value()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(report.headlines()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("hybrid: home-timeline reads / reference reader (liked 100)");
            assertThat(h.value()).isCloseTo(7_500 / 12_000.0, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void targetsAreCheckedAgainstTheHybridMode() {
        List<Report.TargetCheck> targets = sample().targets();

        assertThat(targets).extracting(Report.TargetCheck::pass)
                .containsExactly(true, true, true, true, true, true, true, true, false, true, false, true, true,
                        false);
        assertThat(targets.get(4).measured()).contains("liked none: 15,000/s vs wrk 16,000/s (0.94)");
        assertThat(targets.get(1).measured()).contains("150,000/s", "0.54 x ZADD ceiling");
        assertThat(targets.get(5).target())
                .isEqualTo("saturated home reads >= 7,500/s with p99 <= 10 ms (32 connections)");
        assertThat(targets.get(6).measured()).isEqualTo("7,500/s of 15,000/s = 0.50");
        assertThat(targets.get(7).measured()).isEqualTo("4,500/s, p99 12.0 ms, 0 errors = 0.60 of home");
        assertThat(targets.get(8).measured()).isEqualTo("3,000/s, p99 20.0 ms, 0 errors = 0.40 of home");
        assertThat(targets.get(9).measured()).isEqualTo("4,200/s, p99 14.0 ms, 0 errors = 0.56 of home");
        assertThat(targets.get(10).measured()).contains("read-notifications-v2: sent 2,000 of 2,100/s");
        assertThat(targets.get(11).measured()).isEqualTo("500/s done of 500/s offered, p99 40.0 ms, 0 errors; "
                + "saturated 900/s (p99 60.0 ms, 32 connections), applied end to end 600/s; 0.200 of the store's "
                + "inserts/s, 0.010 of Kafka's producer records/s");
    }

    @Test
    void feedServicesTimersOfAPostsWayAreReportedPerWindow() {
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("| hybrid | posting, saturated, with its catch-up | posts.delivery | - | 4,500 | 330 | 260 | "
                        + "1,150 |")
                .contains("| hybrid | delivery under the mix, offered, with the probes' wait | events.batches | "
                        + "posts.events | 120 | 35.0 | 40.0 | 90.0 |");
    }

    @Test
    void rankedFirstPagesAreReportedAsRankedAnewOrReused() {
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("| hybrid | GET /api/v1/timelines/home/ranked?limit=20 (first pages) | 150 | 14,850 | 0.99 |");
    }

    @Test
    void aProfiledPostingPhaseIsReportedPerProcessAndPost() {
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("| hybrid | POST /api/v1/statuses, saturated, with its catch-up | post-service | 4,500 | 1.620 | "
                        + "93.8 | 3,100 | hybrid-posting-post-service.jfr |")
                .contains("Hot methods (self time, share of execution samples): hybrid, POST /api/v1/statuses, "
                        + "saturated, with its catch-up on post-service");
    }

    @Test
    void postingIsReportedBesideTheStoresWriteRates() {
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("| hybrid | saturated, 32 connections | - | 900 | 20.0 | 60.0 | 90.0 | 0 | 0.20 | 0.01 | "
                        + "600/s (caught up 3.5 s after) |")
                .contains("| hybrid | open loop | 500, sent 500 | 500 | 13.3 | 40.0 | 60.0 | 0 | - | - | - |");
    }

    @Test
    void notificationPagesAreReportedByTheStoreThatAnsweredThem() {
        String markdown = new ReportWriter(json).markdown(sample());

        assertThat(markdown).contains("### notification-service: which store answered the read phases' pages")
                .contains("| hybrid | GET /api/v1/notifications?limit=40 | 9,000 | 40 | 2 | group-incomplete 36, "
                        + "not-built 4 |");
    }

    @Test
    void cpuPerRequestIsReportedProcessByProcess() {
        String markdown = new ReportWriter(json).markdown(sample());

        assertThat(markdown).contains("### CPU per request by process over the saturated phases");
        assertThat(markdown.lines().filter(line -> line.startsWith("| hybrid: GET /api/v1/timelines/home?limit=20 |")))
                .singleElement().asString().startsWith("| hybrid: GET /api/v1/timelines/home?limit=20 | 97% |")
                .contains("| 0.210 |", "| 0.050 |", "| 0.040 |").endsWith("| 0.300 |");
        assertThat(markdown).contains("| hybrid: posting, saturated, with its catch-up | 100% |");
    }

    @Test
    void theGrownStoreIsComparedWithTheSameRunBeforeItGrew() {
        assertThat(sample().targets().get(12).measured()).isEqualTo("grown to 1,000,000 posts and 100,000 accounts: "
                + "posting 810/s = 0.90 of before, delivery p99 715 ms = 1.10 of before (0 of its probes missed, 0 "
                + "before)");
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("### hybrid: posting and delivery before and after the store grew to 1,000,000 posts, "
                        + "100,000 accounts (420 s to grow it)")
                .contains("| posting saturated, posts/s | 900 | 810 | 0.90 |")
                .contains("| delivery p99 ms, 10800-follower author | 650 | 715 | 1.10 |")
                .contains("| posts.posts | find {_id} | 133 / 400 | 167 / 500 | 1.25 |")
                .contains("| posts.posts | find {_id} stored long ago | - | 667 / 2000 | - |")
                .contains("| posts.posts | 8,000 | 1,000,000 | 170 |");
    }

    @Test
    void deliveryUnderTheMixIsReportedToTheHomeTimelineAndToTheNotificationStream() {
        assertThat(sample().targets().get(13).measured()).isEqualTo("mix 280/s of 400/s sustained end to end "
                + "(500/s saturated): home p99 800 ms (0 missed), notification stream p99 1200 ms (1 missed)");
        String load = "280 (sent 280) of 400 sustained end to end (500 saturated, applied in 3 s more)";
        assertThat(new ReportWriter(json).markdown(sample()))
                .contains("| hybrid | " + load + " | home timeline of a follower of a 10,800-follower "
                        + "author, polled every 20 ms | 1 | 30 | 200 | 800 | 850 | 0 |")
                .contains("| hybrid | " + load + " | notification (mention) on the recipient's SSE "
                        + "stream, 4 streams open | 2 | 60 | 30.0 | 1,200 | 1,300 | 1 |");
    }

    @Test
    void everyReadEndpointHasItsSaturatedRateItsFractionsAndItsOpenLoopLatency() {
        String markdown = new ReportWriter(json).markdown(sample());

        assertThat(markdown)
                .contains("| mode | endpoint | service | connections | reads/s | of reference (liked none) | of home "
                        + "| p50 ms | p99 ms | p99.9 ms | errors |")
                .contains("| hybrid | GET /api/v1/timelines/home?limit=20 | feed-service | 32 | 7,500 | 0.50 | - | 3.0 "
                        + "| 9.0 | 12.0 | 0 |")
                .contains("| hybrid | GET /api/v1/notifications?limit=40 | notification-service | 32 | 4,500 | 0.30 "
                        + "| 0.60 | 4.0 | 12.0 | 18.0 | 0 |")
                .contains("Read endpoints at 70% of their saturated rate")
                .contains("| hybrid | GET /api/v1/timelines/home?limit=20 | 5,250 | 5,250 | 5,250 | 1.0 | 4.0 | 6.0 "
                        + "| 0 | 0.3 |")
                .contains("| 2,100 | 2,000 (behind) | 2,000 |")
                .contains("| hybrid | 4 | 576 | 40.0 | 38.5 | NO after 300 s | 120,000 | 80,000 |");
    }

    @Test
    void aProfiledPhaseShowsCpuAndAllocationPerReadAndItsHotMethods() {
        String markdown = new ReportWriter(json).markdown(sample());

        assertThat(markdown)
                .contains("| hybrid | GET /api/v1/timelines/home?limit=20 | feed-service | 90,000 | 0.210 | 47.0 "
                        + "| 2,400 | hybrid-read-home-timeline.jfr |")
                .contains("### Hot methods (self time, share of execution samples): hybrid, "
                        + "GET /api/v1/timelines/home?limit=20 on feed-service")
                .contains("| io.vertx.core.Foo.bar | 600 | 25.0% |")
                .contains("| io.vertx.core | 900 | 37.5% |")
                .contains("| org.socialfeed.feed.timeline.rest.HomeTimelineRoute.home | 1,800 | 75.0% |");
        assertThat(markdown.split("### Hot methods", -1)).as("only the profiled endpoint and posting process")
                .hasSize(3);
    }

    @Test
    void aProfiledPhaseWithoutASuccessfulReadHasNoPerReadFigures() {
        ProfileSummary none = new ProfileSummary("notification-service", "hybrid-read-notifications-v2.jfr", 0, 0, 0,
                31, List.of(), List.of(), List.of());
        Report sample = sample();
        ModeResult hybrid = sample.modes().get(0);
        List<ReadEndpointResult> reads = List.of(read(ReadEndpoint.NOTIFICATIONS_V2,
                stats("read-notifications-v2", 0, 0), 0, stats("read-notifications-v2", 0, 0), none));
        ModeResult failing = new ModeResult(hybrid.mode(), hybrid.description(), hybrid.environment(), hybrid.load(),
                hybrid.phases(), hybrid.delivery(), hybrid.fanOut(), hybrid.memory(), hybrid.meanHomePageSize(), reads,
                hybrid.posting(), hybrid.notifications(), null, null);
        Report report = new Report(sample.startedAt(), sample.durationSeconds(), sample.machine(), sample.command(),
                sample.settings(), List.of(failing), sample.ceilings(), sample.homeReadCeilings(), List.of(),
                List.of());

        assertThat(new ReportWriter(json).markdown(report)).contains("| hybrid | GET /api/v2/notifications?limit=40 "
                + "(grouped) | notification-service | 0 | - | - | 31 | hybrid-read-notifications-v2.jfr |");
    }

    @Test
    void notificationReadsAreHeadlinedAsAShareOfHomeReads() {
        assertThat(sample().headlines()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("hybrid: read-notifications-v1 / home reads");
            assertThat(h.value()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void aTargetThatWasNotMeasuredIsNeitherPassNorFail() {
        List<Report.TargetCheck> targets = Verdicts.targets(List.of(), List.of(), List.of());

        assertThat(targets).extracting(Report.TargetCheck::pass).containsOnlyNulls();
        assertThat(targets).extracting(Report.TargetCheck::measured).containsOnly("not measured in this run");
    }

    @Test
    void aGeneratorMoreThanAFifthSlowerThanWrkIsReportedAsTheBottleneck() {
        Report.TargetCheck check = Verdicts.generatorCheck(List.of(
                new HomeReadCeiling("liked none", KeepAliveHttp.GENERATOR, 12_000, 4.0, 0, "GET"),
                new HomeReadCeiling("liked none", Wrk.GENERATOR, 16_000, 3.8, 0, "wrk")));

        assertThat(check.pass()).isFalse();
        assertThat(check.measured()).isEqualTo("liked none: 12,000/s vs wrk 16,000/s (0.75)");
    }
}
