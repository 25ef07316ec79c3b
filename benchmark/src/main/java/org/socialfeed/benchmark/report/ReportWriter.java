package org.socialfeed.benchmark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.ReferenceTimeline;
import org.socialfeed.benchmark.ceiling.StoreWriteCeilings;
import org.socialfeed.benchmark.graph.LoadSummary;
import org.socialfeed.benchmark.growth.HotQueryTimes;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.measure.FeedTimers;
import org.socialfeed.benchmark.measure.NotificationPageSources;
import org.socialfeed.benchmark.measure.ProcessCpu;
import org.socialfeed.benchmark.profile.JfrSummary;
import org.socialfeed.benchmark.profile.ProfileSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link Report} three ways into one folder: {@code report.json} (for machines), {@code report.md} (the
 * tables) and {@code report.html} (the same tables with bar charts as inline SVG; one file, nothing to fetch).
 */
public final class ReportWriter {

    private final ObjectMapper json;

    public ReportWriter(ObjectMapper json) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public void write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        json.writeValue(directory.resolve("report.json").toFile(), report);
        Files.writeString(directory.resolve("report.md"), markdown(report));
        Files.writeString(directory.resolve("report.html"), html(report));
    }

    public String markdown(Report report) {
        StringBuilder text = new StringBuilder("## socialfeed benchmark, ").append(report.startedAt()).append("\n\n");
        text.append(machineLine(report)).append("\n\n");
        tables(report).forEach(table -> text.append(table.markdown()));
        return text.toString();
    }

    public String html(Report report) {
        StringBuilder text = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>socialfeed benchmark</title>
                <style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}
                table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;
                text-align:right}td:first-child,th:first-child{text-align:left}svg{display:block;margin:1em 0}</style>
                </head><body>
                """);
        text.append("<h1>socialfeed benchmark</h1>\n<p>").append(Table.escape(report.startedAt())).append(" &middot; ")
                .append(Table.escape(machineLine(report))).append("</p>\n<p><code>")
                .append(Table.escape(report.command())).append("</code></p>\n");
        charts(report).forEach(text::append);
        tables(report).forEach(table -> text.append(table.html()));
        return text.append("</body></html>\n").toString();
    }

    static String machineLine(Report report) {
        Report.Machine m = report.machine();
        return String.format(Locale.ROOT, "Machine: %s, %d CPUs, %.1f GiB RAM, %s, Java %s; everything on this one "
                        + "machine. Run took %.0f s.", m.cpuModel(), m.cpus(), m.memoryBytes() / 1024.0 / 1024 / 1024,
                m.os(), m.java(), report.durationSeconds());
    }

    List<Table> tables(Report report) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("Headline: ratios to the ceilings measured in the same run", List.of("ratio", "value",
                "what"), report.headlines().stream().map(h -> List.of(h.name(),
                String.format(Locale.ROOT, "%.2f", h.value()), h.explanation())).toList()));
        tables.add(new Table("Targets (hybrid mode)", List.of("target", "measured", "result"),
                report.targets().stream().map(t -> List.of(t.target(), t.measured(),
                        t.pass() == null ? "n/a" : t.pass() ? "PASS" : "FAIL")).toList()));
        tables.add(saturatedReads(report));
        tables.add(openLoopReads(report));
        cpuByProcess(report).ifPresent(tables::add);
        tables.addAll(profiles(report));
        tables.add(notifications(report));
        tables.add(notificationPageSources(report));
        tables.add(rankingOutcomes(report));
        tables.add(posting(report));
        tables.addAll(storeGrowth(report));
        tables.add(mixedDelivery(report));
        tables.add(postHops(report));
        List<List<String>> operations = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (PhaseResult phase : mode.phases()) {
                for (LatencyStats s : phase.operations()) {
                    operations.add(List.of(mode.mode(), phase.phase(), s.operation(),
                            phase.generator().equals("open-loop") ? num(phase.offeredRate()) : "max (" + phase.concurrency()
                                    + " workers)", num(s.throughputPerSecond()), ms(s.p50Ms()), ms(s.p99Ms()),
                            ms(s.p999Ms()), Long.toString(s.errors())));
                }
            }
        }
        tables.add(new Table("Operations: throughput and latency (open loop: from intended start)",
                List.of("mode", "phase", "operation", "offered /s", "done /s", "p50 ms", "p99 ms", "p99.9 ms",
                        "errors"), operations));
        tables.add(comparison(report));
        tables.add(new Table("Ceilings (same run, same machine)", List.of("ceiling", "ops/s", "method", "command"),
                report.ceilings().stream().map(c -> List.of(c.name(), num(c.opsPerSecond()), c.method(),
                        c.detail())).toList()));
        tables.add(homeReads(report));
        List<List<String>> loads = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            LoadSummary l = mode.load();
            loads.add(List.of(mode.mode(),
                    String.format(Locale.ROOT, "%,d accounts in %.0f s", l.accountsOverHttp(), l.registerSeconds()),
                    String.format(Locale.ROOT, "%,d follows in %.0f s", l.followsOverHttp(), l.followSeconds()),
                    String.format(Locale.ROOT, "%,d seed posts in %.0f s", l.seedPostsOverHttp(), l.seedSeconds()),
                    String.format(Locale.ROOT, "%,d follow events of %,d synthetic accounts in %.0f s; %,d of them "
                                    + "marked active readers in Redis", l.followsOverKafka(), l.syntheticAccounts(),
                            l.kafkaSeconds(), l.syntheticMarkedActive()),
                    String.format(Locale.ROOT, "%s after %.0f s", l.feedCaughtUp() ? "yes" : "NO",
                            l.feedCatchUpSeconds())));
        }
        tables.add(new Table("How the graph was loaded", List.of("mode", "HTTP: register", "HTTP: follow",
                "HTTP: post", "Kafka: follows.events", "feed-service caught up"), loads));
        return tables;
    }

    /**
     * Each read endpoint at its limit: as a fraction of the reference home reader's rate (the machine's limit for a
     * home page) and, for the others, of the home reads of the same mode.
     */
    private static Table saturatedReads(Report report) {
        double limit = Verdicts.reference(report.homeReadCeilings(), Verdicts.LIMIT_READER, KeepAliveHttp.GENERATOR);
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                LatencyStats s = read.saturated();
                double ofHome = Verdicts.shareOfHome(mode, read.endpoint());
                rows.add(List.of(mode.mode(), read.endpoint().request(), read.endpoint().service(),
                        Integer.toString(read.connections()), rate(s.throughputPerSecond()),
                        limit > 0 ? ratio(s.throughputPerSecond() / limit) : "-",
                        read.endpoint() == ReadEndpoint.HOME || ofHome < 0 ? "-" : ratio(ofHome), ms(s.p50Ms()),
                        ms(s.p99Ms()), ms(s.p999Ms()), Long.toString(s.errors())));
            }
        }
        return new Table("Read endpoints, saturated (" + KeepAliveHttp.GENERATOR + ")", List.of("mode", "endpoint",
                "service", "connections", "reads/s", "of reference (" + Verdicts.LIMIT_READER + ")", "of home",
                "p50 ms", "p99 ms", "p99.9 ms", "errors"), rows);
    }

    /**
     * Posting saturated and at the offered rate, as fractions of the stores' own write rates of the same run, and
     * what the whole stack applied end to end.
     */
    private static Table posting(Report report) {
        double inserts = Verdicts.ceiling(report.ceilings(), StoreWriteCeilings.MONGO_INSERTS);
        double produced = Verdicts.ceiling(report.ceilings(), StoreWriteCeilings.KAFKA_PRODUCER);
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            PostingResult posting = mode.posting();
            if (posting == null) {
                continue;
            }
            LatencyStats saturated = posting.saturated();
            LatencyStats offered = posting.atOffered();
            rows.add(List.of(mode.mode(), "saturated, " + posting.connections() + " connections", "-",
                    rate(saturated.throughputPerSecond()), ms(saturated.p50Ms()), ms(saturated.p99Ms()),
                    ms(saturated.p999Ms()), Long.toString(saturated.errors()),
                    inserts > 0 ? ratio(saturated.throughputPerSecond() / inserts) : "-",
                    produced > 0 ? ratio(saturated.throughputPerSecond() / produced) : "-",
                    String.format(Locale.ROOT, "%s/s (caught up %.1f s after)", rate(posting.appliedPerSecond()),
                            posting.catchUpSeconds())));
            rows.add(List.of(mode.mode(), "open loop", rate(posting.offeredRate()) + ", sent "
                            + rate(posting.sentPerSecond()), rate(offered.throughputPerSecond()), ms(offered.p50Ms()),
                    ms(offered.p99Ms()), ms(offered.p999Ms()), Long.toString(offered.errors()), "-", "-", "-"));
        }
        return new Table("Posting (POST /api/v1/statuses, " + KeepAliveHttp.GENERATOR + "; open loop: latency from "
                + "intended start) beside the stores' own write rates", List.of("mode", "phase", "offered /s",
                "accepted /s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "of store inserts/s",
                "of Kafka producer records/s", "applied by every service"), rows);
    }

    /**
     * Issue 17's flat cost: posting and delivery with the grown store beside the same run's figures before it grew,
     * and the store's time for each hot query shape before and after.
     */
    private static List<Table> storeGrowth(Report report) {
        List<Table> tables = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            StoreGrowthResult growth = mode.growth();
            if (growth == null) {
                continue;
            }
            String grown = String.format(Locale.ROOT, "%,d posts, %,d accounts", growth.posts(), growth.accounts());
            List<List<String>> rows = new ArrayList<>();
            rows.add(comparedRow("posting saturated, posts/s", mode.posting().saturated().throughputPerSecond(),
                    growth.posting().saturated().throughputPerSecond()));
            rows.add(comparedRow("posting saturated, p99 ms", mode.posting().saturated().p99Ms(),
                    growth.posting().saturated().p99Ms()));
            rows.add(comparedRow("posting at " + rate(growth.posting().offeredRate()) + "/s, done /s",
                    mode.posting().atOffered().throughputPerSecond(),
                    growth.posting().atOffered().throughputPerSecond()));
            rows.add(comparedRow("posting at " + rate(growth.posting().offeredRate()) + "/s, p99 ms",
                    mode.posting().atOffered().p99Ms(), growth.posting().atOffered().p99Ms()));
            rows.add(comparedRow("posting applied end to end, posts/s", mode.posting().appliedPerSecond(),
                    growth.posting().appliedPerSecond()));
            if (mode.delivery() != null) {
                rows.add(comparedRow("delivery p99 ms, " + mode.delivery().normalAuthorFollowers()
                        + "-follower author", mode.delivery().normal().p99Ms(), growth.delivery().normal().p99Ms()));
                rows.add(comparedRow("delivery p99 ms, celebrity", mode.delivery().celebrity().p99Ms(),
                        growth.delivery().celebrity().p99Ms()));
                rows.add(List.of("delivery probes missed (normal, celebrity)", mode.delivery().normalMissed() + ", "
                        + mode.delivery().celebrityMissed(), growth.delivery().normalMissed() + ", "
                        + growth.delivery().celebrityMissed(), "-"));
            }
            tables.add(new Table(mode.mode() + ": posting and delivery before and after the store grew to " + grown
                    + String.format(Locale.ROOT, " (%.0f s to grow it)", growth.seconds()), List.of("figure",
                    "before", "grown", "grown / before"), rows));
            List<List<String>> queries = new ArrayList<>();
            for (HotQueryTimes.QueryTime after : growth.after()) {
                HotQueryTimes.QueryTime before = growth.before().stream().filter(b -> b.collection()
                        .equals(after.collection()) && b.query().equals(after.query())).findFirst().orElse(null);
                queries.add(List.of(after.collection(), after.query(), before == null ? "-" : micros(before),
                        micros(after), before == null ? "-" : ratio(after.stats().p50Ms() / before.stats().p50Ms())));
            }
            tables.add(new Table(mode.mode() + ": the store's time per hot query shape (one client thread, "
                    + "p50 / p99 microseconds)", List.of("collection", "query", "before", "grown (" + grown + ")",
                    "p50 grown / before"), queries));
            tables.add(new Table(mode.mode() + ": how the store grew", List.of("collection", "documents before",
                    "after", "seconds"), growth.growths().stream().map(g -> List.of(g.collection(),
                    String.format(Locale.ROOT, "%,d", g.before()), String.format(Locale.ROOT, "%,d", g.after()),
                    String.format(Locale.ROOT, "%.0f", g.seconds()))).toList()));
        }
        return tables;
    }

    /** Delivery while the 60/30/10 mix runs at 70% of its saturated rate, to the home timeline and the stream. */
    private static Table mixedDelivery(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            MixedDeliveryResult d = mode.mixedDelivery();
            if (d == null) {
                continue;
            }
            String load = rate(d.offeredRate()) + " (sent " + rate(d.sentPerSecond()) + ") of " + rate(
                    d.sustainedPerSecond()) + " sustained end to end (" + rate(d.saturatedPerSecond())
                    + " saturated, applied in " + String.format(Locale.ROOT, "%.0f", d.catchUpSeconds()) + " s more)";
            rows.add(List.of(mode.mode(), load, String.format(Locale.ROOT, "home timeline of a follower of a %,d-"
                    + "follower author, polled every %.0f ms", d.homeFollowers(), d.pollIntervalMs()), num(d.homeProbesPerSecond()),
                    Long.toString(d.home().count()), ms(d.home().p50Ms()), ms(d.home().p99Ms()), ms(d.home().maxMs()),
                    Long.toString(d.homeMissed())));
            rows.add(List.of(mode.mode(), load, "notification (mention) on the recipient's SSE stream, "
                            + d.streams() + " streams open", num(d.notificationProbesPerSecond()),
                    Long.toString(d.notification().count()), ms(d.notification().p50Ms()),
                    ms(d.notification().p99Ms()), ms(d.notification().maxMs()), Long.toString(d.notificationMissed())));
        }
        return new Table("Delivery under DeathStarBench's mix (60% home reads, 30% account-timeline reads, 10% posts) "
                + "at 70% of its saturated rate, open loop; from the post's 201 to where it shows", List.of("mode",
                "mix /s", "where", "probes /s", "seen", "p50 ms", "p99 ms", "max ms", "missed"), rows);
    }

    /**
     * Issue 17's per-hop figures: feed-service's own timers of a post's way over the posting phases and the delivery
     * phase under the mix, so a slow delivery shows whether the post waited before feed-service (creation to fan-out
     * against send to application) or in it (the batches).
     */
    private static Table postHops(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            if (mode.posting() != null) {
                addHops(rows, mode.mode(), "posting, saturated, with its catch-up", mode.posting().hops());
            }
            if (mode.growth() != null) {
                addHops(rows, mode.mode(), "posting, saturated, with its catch-up (grown store)",
                        mode.growth().posting().hops());
            }
            if (mode.mixedDelivery() != null) {
                addHops(rows, mode.mode(), "delivery under the mix, offered, with the probes' wait",
                        mode.mixedDelivery().hops());
            }
        }
        return new Table("Where a post's way to the timelines spends its time: feed-service's timers over each window "
                + "(posts.delivery: from the post's creation to its fan-out; events.delay: from a record's send to its "
                + "application; events.batches: time to apply a batch; p50/p99 are the bounds of their histogram "
                + "buckets)", List.of("mode", "window", "timer", "topic", "recorded", "mean ms", "p50 ms", "p99 ms"),
                rows);
    }

    private static void addHops(List<List<String>> rows, String mode, String window, List<FeedTimers.Hop> hops) {
        if (hops == null) {
            return;
        }
        for (FeedTimers.Hop hop : hops) {
            rows.add(List.of(mode, window, hop.timer(), hop.topic().isEmpty() ? "-" : hop.topic(),
                    String.format(Locale.ROOT, "%,d", hop.count()), ms(hop.meanMs()), ms(hop.p50Ms()),
                    ms(hop.p99Ms())));
        }
    }

    private static List<String> comparedRow(String figure, double before, double grown) {
        return List.of(figure, num(before), num(grown), before > 0 ? ratio(grown / before) : "-");
    }

    private static String micros(HotQueryTimes.QueryTime time) {
        return String.format(Locale.ROOT, "%.0f / %.0f", time.stats().p50Ms() * 1000, time.stats().p99Ms() * 1000);
    }

    /** Each read endpoint below its limit: latency at 70% of its saturated rate, and whether that rate was sent. */
    private static Table openLoopReads(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                LatencyStats s = read.atOffered();
                rows.add(s == null ? List.of(mode.mode(), read.endpoint().request(), "-", "-", "-", "-", "-", "-", "-",
                        "-") : List.of(mode.mode(), read.endpoint().request(), rate(read.offeredRate()),
                        rate(read.sentPerSecond()) + (read.generatorKeptUp() ? "" : " (behind)"),
                        rate(s.throughputPerSecond()), ms(s.p50Ms()), ms(s.p99Ms()), ms(s.p999Ms()),
                        Long.toString(s.errors()), ms(read.maxSendLagMs())));
            }
        }
        return new Table("Read endpoints at " + Math.round(ReadEndpoint.OPEN_LOOP_SHARE * 100) + "% of their saturated "
                + "rate (" + KeepAliveHttp.OPEN_LOOP_GENERATOR + ", latency from intended start)", List.of("mode",
                "endpoint", "offered /s", "sent /s", "done /s", "p50 ms", "p99 ms", "p99.9 ms", "errors",
                "max send lag ms"), rows);
    }

    /**
     * Where each saturated phase's CPU went, process by process (the stack's and the harness's own): which process a
     * request costs most, and whether the machine's cores were the limit.
     */
    private static Optional<Table> cpuByProcess(Report report) {
        Set<String> processes = new LinkedHashSet<>();
        List<Map.Entry<String, ProcessCpu.Usage>> phases = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                phases.add(Map.entry(mode.mode() + ": " + read.endpoint().request(), read.cpu()));
            }
            if (mode.posting() != null) {
                phases.add(Map.entry(mode.mode() + ": posting, saturated, with its catch-up", mode.posting().cpu()));
            }
        }
        phases.forEach(phase -> processes.addAll(phase.getValue().msPerOperation().keySet()));
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, ProcessCpu.Usage> phase : phases) {
            Map<String, Double> perRequest = phase.getValue().msPerOperation();
            List<String> row = new ArrayList<>(List.of(phase.getKey(),
                    String.format(Locale.ROOT, "%.0f%%", phase.getValue().machineBusy() * 100)));
            processes.forEach(process -> row.add(perRequest.containsKey(process)
                    ? String.format(Locale.ROOT, "%.3f", perRequest.get(process)) : "-"));
            row.add(String.format(Locale.ROOT, "%.3f", perRequest.values().stream().mapToDouble(d -> d).sum()));
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("saturated phase", "machine busy"));
        processes.forEach(process -> columns.add(process + " ms"));
        columns.add("sum ms");
        return Optional.of(new Table("CPU per request by process over the saturated phases (from /proc; the profiler's "
                + "cost included when profiled)", columns, rows));
    }

    /**
     * CPU and allocation per request of each profiled saturation phase (per read endpoint, and per post in each JVM of
     * the posting path), then its hottest methods and packages.
     */
    private static List<Table> profiles(Report report) {
        List<Profiled> profiled = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                if (read.profile() != null) {
                    profiled.add(new Profiled(mode.mode(), read.endpoint().request(), read.profile()));
                }
            }
            addPostingProfiles(profiled, mode.mode(), "", mode.posting());
            if (mode.growth() != null) {
                addPostingProfiles(profiled, mode.mode(), " (grown store)", mode.growth().posting());
            }
        }
        if (profiled.isEmpty()) {
            return List.of();
        }
        List<List<String>> perRequest = new ArrayList<>();
        List<Table> hotspots = new ArrayList<>();
        for (Profiled entry : profiled) {
            ProfileSummary p = entry.profile();
            boolean any = p.reads() > 0;
            perRequest.add(List.of(entry.mode(), entry.phase(), p.service(), String.format(Locale.ROOT, "%,d",
                    p.reads()), any ? String.format(Locale.ROOT, "%.3f", p.cpuMsPerRead()) : "-",
                    any ? String.format(Locale.ROOT, "%.1f", p.allocatedBytesPerRead() / 1024) : "-",
                    String.format(Locale.ROOT, "%,d", p.executionSamples()), p.recording()));
            String where = entry.mode() + ", " + entry.phase() + " on " + p.service();
            hotspots.add(new Table("Hot methods (self time, share of execution samples): " + where,
                    List.of("method", "samples", "share"), hotspotRows(p.methods())));
            hotspots.add(new Table("Hot packages (self time): " + where, List.of("package", "samples", "share"),
                    hotspotRows(p.packages())));
            hotspots.add(new Table("Our code the time is under (innermost " + JfrSummary.OUR_PACKAGES
                    + "* frame): " + where, List.of("method", "samples", "share"), hotspotRows(p.ours())));
        }
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("Profile of the saturation phases (JFR, settings=profile): CPU and allocation per request "
                + "(a read, or a post with the services' catch-up after it)", List.of("mode", "phase", "process",
                "requests", "CPU ms per request", "KiB allocated per request", "execution samples", "recording"),
                perRequest));
        tables.addAll(hotspots);
        return tables;
    }

    /** A profiled phase: a read endpoint's, or one JVM's over posting. */
    private record Profiled(String mode, String phase, ProfileSummary profile) {
    }

    private static void addPostingProfiles(List<Profiled> profiled, String mode, String label,
                                           PostingResult posting) {
        if (posting != null && posting.profiles() != null) {
            posting.profiles().forEach(profile -> profiled.add(new Profiled(mode,
                    "POST /api/v1/statuses, saturated, with its catch-up" + label, profile)));
        }
    }

    private static List<List<String>> hotspotRows(List<ProfileSummary.Hotspot> hotspots) {
        return hotspots.stream().map(h -> List.of(h.name(), String.format(Locale.ROOT, "%,d", h.samples()),
                String.format(Locale.ROOT, "%.1f%%", h.share() * 100))).toList();
    }

    private static Table notifications(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            NotificationLoad n = mode.notifications();
            if (n != null) {
                rows.add(List.of(mode.mode(), Integer.toString(n.readers()), String.format(Locale.ROOT, "%,d",
                        n.interactionsOverHttp()), String.format(Locale.ROOT, "%.1f", n.meanV1PageSize()),
                        String.format(Locale.ROOT, "%.1f", n.meanV2PageSize()), String.format(Locale.ROOT,
                                "%s after %.0f s", n.caughtUp() ? "yes" : "NO", n.waitedSeconds()),
                        String.format(Locale.ROOT, "%,d", n.lagAfterLoad()),
                        String.format(Locale.ROOT, "%,d", n.lagAtEnd())));
            }
        }
        return new Table("notification-service: its readers, and its consumer group against the graph's events",
                List.of("mode", "readers", "mentions, likes, follows over HTTP", "mean v1 page",
                        "mean v2 page (groups)",
                        "caught up after loading", "records behind then", "records behind at the end"), rows);
    }

    /** The notification read phases' pages by the store that answered, from notification-service's counters. */
    private static Table notificationPageSources(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                NotificationPageSources.Counts pages = read.pageSources();
                if (pages != null) {
                    rows.add(List.of(mode.mode(), read.endpoint().request(), num(pages.source("redis")),
                            num(pages.source("mongodb")), num(pages.source("none-mongodb-busy")),
                            pages.missedByReason().isEmpty() ? "-" : pages.missedByReason().entrySet().stream()
                                    .map(miss -> miss.getKey() + " " + num(miss.getValue()))
                                    .collect(Collectors.joining(", "))));
                }
            }
        }
        return new Table("notification-service: which store answered the read phases' pages (its "
                + "social.notifications.pages counters, saturated and open-loop phases together)",
                List.of("mode", "endpoint", "from Redis", "from MongoDB", "503, MongoDB busy",
                        "why Redis missed"), rows);
    }

    /** How many of the ranked read phases' first pages were ranked anew and how many reused a stored ranking. */
    private static Table rankingOutcomes(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                Map<String, Long> rankings = read.rankings();
                if (rankings != null) {
                    long computed = rankings.getOrDefault("computed", 0L);
                    long reused = rankings.getOrDefault("reused", 0L);
                    rows.add(List.of(mode.mode(), read.endpoint().request(), num(computed), num(reused),
                            computed + reused > 0 ? ratio(reused / (double) (computed + reused)) : "-"));
                }
            }
        }
        return new Table("feed-service: ranked first pages ranked anew or the reader's stored ranking of the same "
                + "inputs again (its social.feed.ranked.rankings counter, saturated and open-loop phases together)",
                List.of("mode", "endpoint", "ranked anew", "reused", "reused share"), rows);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * feed-service's saturated home reads beside the lean reference reader's on the same Redis, as a fraction of
     * it: how far the service is from the machine's limit for the same page.
     */
    private static Table homeReads(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (HomeReadCeiling c : report.homeReadCeilings()) {
            rows.add(List.of("reference reader, " + c.reader(), c.generator(), num(c.readsPerSecond()), ms(c.p99Ms()),
                    Long.toString(c.errors()), "1 (the limit)", c.command()));
        }
        for (ModeResult mode : report.modes()) {
            PhaseResult phase = mode.phases().stream().filter(p -> p.phase().equals(Names.HOME_SATURATION))
                    .findFirst().orElse(null);
            LatencyStats s = mode.stats(Names.HOME_SATURATION, Names.HOME);
            if (phase == null || s == null) {
                continue;
            }
            List<String> fractions = new ArrayList<>();
            for (ReferenceTimeline.Viewer viewer : ReferenceTimeline.VIEWERS) {
                double reference = Verdicts.reference(report.homeReadCeilings(), viewer.name(), KeepAliveHttp.GENERATOR);
                if (reference > 0) {
                    fractions.add(String.format(Locale.ROOT, "%.2f of %s", s.throughputPerSecond() / reference,
                            viewer.name()));
                }
            }
            rows.add(List.of(mode.mode() + ": feed-service, the graph's readers", KeepAliveHttp.GENERATOR,
                    num(s.throughputPerSecond()), ms(s.p99Ms()), Long.toString(s.errors()),
                    fractions.isEmpty() ? "-" : String.join(", ", fractions),
                    "GET /api/v1/timelines/home?limit=20, " + phase.concurrency() + " connections, "
                            + Math.round(phase.seconds()) + " s"));
        }
        return new Table("Home reads as a fraction of the reference reader (same run, same Redis, pages of 20)",
                List.of("server", "load generator", "reads/s", "p99 ms", "errors", "fraction of reference",
                        "command"), rows);
    }

    private static Table comparison(Report report) {
        List<String> headers = new ArrayList<>(List.of("measure"));
        report.modes().forEach(m -> headers.add(m.mode()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row(report, "feed-service setting", m -> String.join(" ", m.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList())));
        rows.add(row(report, "fan-out inserts/s", m -> m.fanOut() == null ? "-" : num(m.fanOut().insertsPerSecond())
                + (m.fanOut().complete() ? "" : " (incomplete)")));
        rows.add(row(report, "fan-out ZADD calls / expected", m -> m.fanOut() == null ? "-"
                : String.format(Locale.ROOT, "%,d / %,d", m.fanOut().zaddCalls(), m.fanOut().expectedInserts())));
        rows.add(row(report, "delivery p50 / p99, normal author", m -> m.delivery() == null ? "-"
                : ms(m.delivery().normal().p50Ms()) + " / " + ms(m.delivery().normal().p99Ms()) + " ms"
                + missed(m.delivery().normalMissed())));
        rows.add(row(report, "delivery p50 / p99, celebrity", m -> m.delivery() == null ? "-"
                : ms(m.delivery().celebrity().p50Ms()) + " / " + ms(m.delivery().celebrity().p99Ms()) + " ms"
                + missed(m.delivery().celebrityMissed())));
        rows.add(row(report, "celebrity post accepted p99", m -> m.delivery() == null ? "-"
                : ms(m.delivery().celebrityAccepted().p99Ms()) + " ms"));
        rows.add(row(report, "home reads, saturated", m -> {
            LatencyStats s = m.stats(Names.HOME_SATURATION, Names.HOME);
            return s == null ? "-" : num(s.throughputPerSecond()) + "/s";
        }));
        rows.add(row(report, "home reads at offered rate: p99", m -> {
            LatencyStats s = m.stats(Names.HOME, Names.HOME);
            return s == null ? "-" : ms(s.p99Ms()) + " ms at " + num(s.throughputPerSecond()) + "/s";
        }));
        rows.add(row(report, "mean home page size", m -> String.format(Locale.ROOT, "%.1f", m.meanHomePageSize())));
        rows.add(row(report, "Redis bytes per sorted-set entry", m -> m.memory() == null ? "-"
                : String.format(Locale.ROOT, "%.1f (%,d keys sampled, %s)", m.memory().bytesPerEntry(),
                m.memory().keysSampled(), m.memory().encodings())));
        rows.add(row(report, "Redis used_memory", m -> m.memory() == null ? "-"
                : String.format(Locale.ROOT, "%.1f MiB", m.memory().usedMemoryBytes() / 1024.0 / 1024)));
        return new Table("Fan-out modes side by side", headers, rows);
    }

    private static List<String> row(Report report, String name, java.util.function.Function<ModeResult, String> cell) {
        List<String> row = new ArrayList<>(List.of(name));
        report.modes().forEach(m -> row.add(cell.apply(m)));
        return row;
    }

    private static List<String> charts(Report report) {
        List<String> charts = new ArrayList<>();
        List<SvgBarChart.Bar> http = new ArrayList<>();
        List<SvgBarChart.Bar> redis = new ArrayList<>();
        for (CeilingResult c : report.ceilings()) {
            (c.name().startsWith("redis") ? redis : http).add(new SvgBarChart.Bar("ceiling: " + c.name(),
                    c.opsPerSecond(), 0));
        }
        for (HomeReadCeiling c : report.homeReadCeilings()) {
            http.add(new SvgBarChart.Bar("reference home reader, " + c.reader() + " (" + c.generator() + ")",
                    c.readsPerSecond(), 0));
        }
        List<SvgBarChart.Bar> latency = new ArrayList<>();
        List<SvgBarChart.Bar> delivery = new ArrayList<>();
        int series = 1;
        for (ModeResult mode : report.modes()) {
            for (ReadEndpointResult read : mode.reads()) {
                http.add(new SvgBarChart.Bar(mode.mode() + ": " + read.endpoint().operation() + ", saturated",
                        read.saturated().throughputPerSecond(), series));
            }
            if (mode.fanOut() != null) {
                redis.add(new SvgBarChart.Bar(mode.mode() + ": fan-out inserts", mode.fanOut().insertsPerSecond(),
                        series));
            }
            for (PhaseResult phase : mode.phases()) {
                if (phase.generator().equals("open-loop")) {
                    for (LatencyStats s : phase.operations()) {
                        latency.add(new SvgBarChart.Bar(mode.mode() + " " + phase.phase() + ": " + s.operation(),
                                s.p99Ms(), series));
                    }
                }
            }
            if (mode.delivery() != null) {
                delivery.add(new SvgBarChart.Bar(mode.mode() + ": normal author", mode.delivery().normal().p99Ms(),
                        series));
                delivery.add(new SvgBarChart.Bar(mode.mode() + ": celebrity", mode.delivery().celebrity().p99Ms(),
                        series));
            }
            series++;
        }
        charts.add(SvgBarChart.render("HTTP throughput beside the trivial-endpoint ceiling", "requests/s", http));
        charts.add(SvgBarChart.render("Fan-out beside Redis's own ceilings", "operations/s", redis));
        charts.add(SvgBarChart.render("p99 latency at the offered rate", "ms", latency));
        charts.add(SvgBarChart.render("Delivery p99, post accepted to visible in a follower's timeline", "ms",
                delivery));
        return charts;
    }

    private static String missed(long missed) {
        return missed == 0 ? "" : " (" + missed + " missed)";
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A rate with a decimal where a whole number would hide the difference (a service doing 1.4/s). */
    static String rate(double value) {
        return ms(value);
    }

    static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
