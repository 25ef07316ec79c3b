package org.socialfeed.benchmark.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.api.SocialApi;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;
import org.socialfeed.benchmark.ceiling.ReferenceHomeReader;
import org.socialfeed.benchmark.ceiling.ReferenceTimeline;
import org.socialfeed.benchmark.load.ClosedLoop;
import org.socialfeed.benchmark.load.KeepAliveHttp;
import org.socialfeed.benchmark.load.Operation;
import org.socialfeed.benchmark.load.Progress;
import org.socialfeed.benchmark.load.Wrk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference home reader measured in the run, on the stack's own Redis: seeded with Statuses rendered from a real
 * page of feed-service (so a page weighs what the service's does), driven by the harness's keep-alive generator
 * and, when it is installed, by wrk with the same connections, so the report shows whether the generator keeps up.
 */
final class ReferenceMeasurement {

    /**
     * The reference runs in this JVM and starts cold; on a busy 2-core machine 5 s of warm-up left the first reader
     * measured at half of wrk's figure, 15 s brought it within 20%.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final int TEMPLATE_TRIES = 50;

    private ReferenceMeasurement() {
    }

    static List<HomeReadCeiling> measure(SocialApi api, ObjectMapper json, List<Account> readers, String redisUri,
                                         KeepAliveHttp http, int seconds) throws Exception {
        ObjectNode template = statusTemplate(api, json, readers);
        if (template == null) {
            System.out.println("  WARNING: no reader has a non-empty home timeline; no reference reader this run");
            return List.of();
        }
        List<HomeReadCeiling> results = new ArrayList<>();
        Path wrk = Wrk.find();
        ReferenceTimeline.seed(redisUri, json, template);
        try (ReferenceHomeReader reference = ReferenceHomeReader.start(redisUri)) {
            String url = reference.url();
            List<ReferenceTimeline.Viewer> viewers = ReferenceTimeline.VIEWERS;
            try (Progress progress = Progress.start("reference home warm-up", 0)) {
                http.saturate(http.get("reference home warm-up", url,
                        sequence -> viewers.get((int) (sequence % viewers.size())).token()), WARM_UP, progress);
            }
            for (ReferenceTimeline.Viewer viewer : viewers) {
                Operation read = http.get("reference home, " + viewer.name(), url, sequence -> viewer.token());
                ClosedLoop.Result own;
                try (Progress progress = Progress.start(read.name(), 0)) {
                    own = http.saturate(read, Duration.ofSeconds(seconds), progress);
                }
                results.add(new HomeReadCeiling(viewer.name(), KeepAliveHttp.GENERATOR, own.throughputPerSecond(),
                        own.operations().get(read.name()).p99Ms(), own.failed(), String.format(Locale.ROOT,
                        "GET %s (token %s), %d connections, %d s", url, viewer.token(), http.connections(), seconds)));
                if (wrk != null) {
                    Wrk.Result byWrk = Wrk.run(wrk, url, viewer.token(), http.connections(), seconds);
                    results.add(new HomeReadCeiling(viewer.name(), Wrk.GENERATOR, byWrk.requestsPerSecond(),
                            byWrk.p99Ms(), byWrk.errors(), byWrk.command()));
                }
            }
        } finally {
            ReferenceTimeline.clear(redisUri);
        }
        if (wrk == null) {
            System.out.println("  (wrk is not on the PATH: the reference is measured by the harness's client alone)");
        }
        results.forEach(r -> System.out.printf(Locale.ROOT, "  reference reader, %s, %s: %,.0f/s, p99 %.1f ms, "
                + "%d errors%n", r.reader(), r.generator(), r.readsPerSecond(), r.p99Ms(), r.errors()));
        return results;
    }

    /** The first Status of the first non-empty home page among the readers, or null. */
    private static ObjectNode statusTemplate(SocialApi api, ObjectMapper json, List<Account> readers)
            throws IOException {
        for (Account reader : readers.subList(0, Math.min(TEMPLATE_TRIES, readers.size()))) {
            JsonNode page = json.readTree(api.homeTimeline(reader, ReferenceHomeReader.DEFAULT_LIMIT).join().body());
            if (page.isArray() && !page.isEmpty() && page.get(0) instanceof ObjectNode status) {
                return status;
            }
        }
        return null;
    }
}
