package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.ReferenceTimeline;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.Wrk;
import org.socialfeed.benchmark.load.LatencyStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The headline ratios to the ceilings, and the targets checked against the hybrid mode. */
public final class Verdicts {

    static final double HOME_RATE_TARGET = 5_000;
    static final double HOME_P99_TARGET_MS = 20;
    static final double FAN_OUT_TARGET = 100_000;
    static final double FAN_OUT_SHARE_OF_ZADD = 0.5;
    static final double DELIVERY_P99_TARGET_MS = 2_000;
    static final double CELEBRITY_ACCEPT_P99_TARGET_MS = 50;
    /** "Visible to followers at once", read as: p99 from accepted to visible within one second. */
    static final double CELEBRITY_VISIBLE_P99_TARGET_MS = 1_000;
    static final double GENERATOR_TOLERANCE = 0.2;

    private Verdicts() {
    }

    public static List<Report.Headline> headlines(List<ModeResult> modes, List<CeilingResult> ceilings,
                                                  List<HomeReadCeiling> homeReadCeilings) {
        List<Report.Headline> headlines = new ArrayList<>();
        double zadd = ceiling(ceilings, Names.ZADD_CEILING);
        double zrevrange = ceiling(ceilings, Names.ZREVRANGE_CEILING);
        double http = ceiling(ceilings, Names.HTTP_CEILING);
        for (ModeResult mode : modes) {
            if (mode.fanOut() != null && zadd > 0 && mode.fanOut().insertsPerSecond() > 0) {
                headlines.add(new Report.Headline(mode.mode() + ": fan-out / pipelined ZADD ceiling",
                        mode.fanOut().insertsPerSecond() / zadd, "timeline inserts/s over redis ZADD/s"));
            }
            LatencyStats saturated = mode.stats(Names.HOME_SATURATION, Names.HOME);
            if (saturated != null && http > 0) {
                headlines.add(new Report.Headline(mode.mode() + ": home-timeline reads / HTTP ceiling",
                        saturated.throughputPerSecond() / http, "saturated home reads/s over trivial GET/s"));
            }
            if (saturated != null && zrevrange > 0) {
                headlines.add(new Report.Headline(mode.mode() + ": home-timeline reads / ZREVRANGE ceiling",
                        saturated.throughputPerSecond() / zrevrange, "saturated home reads/s over ZREVRANGE/s"));
            }
            for (ReferenceTimeline.Viewer viewer : ReferenceTimeline.VIEWERS) {
                double reference = reference(homeReadCeilings, viewer.name(), KeepAliveHttp.GENERATOR);
                if (saturated != null && reference > 0) {
                    headlines.add(new Report.Headline(mode.mode() + ": home-timeline reads / reference reader ("
                            + viewer.name() + ")", saturated.throughputPerSecond() / reference,
                            "saturated home reads/s over the lean reference's, same client and connections"));
                }
            }
        }
        return headlines;
    }

    public static List<Report.TargetCheck> targets(List<ModeResult> modes, List<CeilingResult> ceilings,
                                                   List<HomeReadCeiling> homeReadCeilings) {
        ModeResult hybrid = modes.stream().filter(m -> m.mode().equals(Names.HYBRID)).findFirst().orElse(null);
        List<Report.TargetCheck> checks = new ArrayList<>();
        LatencyStats home = hybrid == null ? null : hybrid.stats(Names.HOME, Names.HOME);
        checks.add(home == null
                ? unmeasured("home-timeline reads >= 5,000/s with p99 <= 20 ms (pages of 20)")
                : new Report.TargetCheck("home-timeline reads >= 5,000/s with p99 <= 20 ms (pages of 20)",
                String.format(Locale.ROOT, "%,.0f/s, p99 %.1f ms, %d errors, mean page %.1f",
                        home.throughputPerSecond(), home.p99Ms(), home.errors(), hybrid.meanHomePageSize()),
                home.throughputPerSecond() >= HOME_RATE_TARGET * 0.99 && home.p99Ms() <= HOME_P99_TARGET_MS
                        && home.errors() <= home.count() / 1000));
        double zadd = ceiling(ceilings, Names.ZADD_CEILING);
        FanOutResult fanOut = hybrid == null ? null : hybrid.fanOut();
        checks.add(fanOut == null || zadd <= 0
                ? unmeasured("fan-out >= 100,000 inserts/s and >= half of pipelined ZADD")
                : new Report.TargetCheck("fan-out >= 100,000 inserts/s and >= half of pipelined ZADD",
                String.format(Locale.ROOT, "%,.0f/s = %.2f x ZADD ceiling (%,.0f/s)", fanOut.insertsPerSecond(),
                        fanOut.insertsPerSecond() / zadd, zadd),
                fanOut.insertsPerSecond() >= FAN_OUT_TARGET
                        && fanOut.insertsPerSecond() >= FAN_OUT_SHARE_OF_ZADD * zadd));
        DeliveryResult delivery = hybrid == null ? null : hybrid.delivery();
        String deliveryTarget = "delivery p99 <= 2 s (author with 10,000 followers, 100 posts/s)";
        checks.add(delivery == null || delivery.normal().count() == 0
                ? unmeasured(deliveryTarget)
                : new Report.TargetCheck(deliveryTarget, String.format(Locale.ROOT,
                "p50 %.0f ms, p99 %.0f ms, %d missed (author has %,d followers, %.0f posts/s)",
                delivery.normal().p50Ms(), delivery.normal().p99Ms(), delivery.normalMissed(),
                delivery.normalAuthorFollowers(), delivery.backgroundPostsPerSecond()),
                delivery.normal().p99Ms() <= DELIVERY_P99_TARGET_MS && delivery.normalMissed() == 0));
        String celebrityTarget = "celebrity post accepted p99 <= 50 ms, visible at once (p99 <= 1 s)";
        checks.add(delivery == null || delivery.celebrity().count() == 0
                ? unmeasured(celebrityTarget)
                : new Report.TargetCheck(celebrityTarget, String.format(Locale.ROOT,
                "accepted p99 %.1f ms, visible p50 %.0f ms / p99 %.0f ms, %d missed (%,d followers)",
                delivery.celebrityAccepted().p99Ms(), delivery.celebrity().p50Ms(), delivery.celebrity().p99Ms(),
                delivery.celebrityMissed(), delivery.celebrityFollowers()),
                delivery.celebrityAccepted().p99Ms() <= CELEBRITY_ACCEPT_P99_TARGET_MS
                        && delivery.celebrity().p99Ms() <= CELEBRITY_VISIBLE_P99_TARGET_MS
                        && delivery.celebrityMissed() == 0));
        checks.add(generatorCheck(homeReadCeilings));
        return checks;
    }

    /** The harness's generator is not the bottleneck if it gets within 20% of wrk's reads of the reference. */
    static Report.TargetCheck generatorCheck(List<HomeReadCeiling> homeReadCeilings) {
        String target = "harness load generator within 20% of wrk on the reference reader";
        List<String> measured = new ArrayList<>();
        boolean pass = true;
        for (ReferenceTimeline.Viewer viewer : ReferenceTimeline.VIEWERS) {
            double own = reference(homeReadCeilings, viewer.name(), KeepAliveHttp.GENERATOR);
            double wrk = reference(homeReadCeilings, viewer.name(), Wrk.GENERATOR);
            if (own > 0 && wrk > 0) {
                measured.add(String.format(Locale.ROOT, "%s: %,.0f/s vs wrk %,.0f/s (%.2f)", viewer.name(), own, wrk,
                        own / wrk));
                pass &= own >= (1 - GENERATOR_TOLERANCE) * wrk && own <= (1 + GENERATOR_TOLERANCE) * wrk;
            }
        }
        return measured.isEmpty() ? unmeasured(target) : new Report.TargetCheck(target, String.join("; ", measured),
                pass);
    }

    /** The reference reader's reads/s for {@code reader} as {@code generator} measured them, or 0. */
    static double reference(List<HomeReadCeiling> homeReadCeilings, String reader, String generator) {
        return homeReadCeilings.stream().filter(c -> c.reader().equals(reader) && c.generator().equals(generator))
                .mapToDouble(HomeReadCeiling::readsPerSecond).findFirst().orElse(0);
    }

    static double ceiling(List<CeilingResult> ceilings, String name) {
        return ceilings.stream().filter(c -> c.name().equals(name)).mapToDouble(CeilingResult::opsPerSecond)
                .findFirst().orElse(0);
    }

    private static Report.TargetCheck unmeasured(String target) {
        return new Report.TargetCheck(target, "not measured in this run", null);
    }
}
