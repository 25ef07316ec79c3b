package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.load.LatencyStats;
import org.socialfeed.benchmark.measure.NotificationPageSources;
import org.socialfeed.benchmark.measure.ProcessCpu;
import org.socialfeed.benchmark.profile.ProfileSummary;

import java.util.Map;

/**
 * One read endpoint in one mode: {@code saturated} by {@code connections} keep-alive connections (closed loop), then
 * {@code offeredRate} requests/s in an open loop ({@code atOffered}, latency from each request's intended start), of
 * which the generator sent {@code sentPerSecond}. {@code profile} is null unless the run was profiled. {@code cpu}:
 * CPU per read of each process over the saturated phase (from /proc; with the profiler's cost when profiled).
 * {@code pageSources}: for notification reads, which store answered their pages over both phases (else null).
 * {@code rankings}: for the ranked read, its first pages over both phases by outcome, {@code computed} (ranked anew)
 * or {@code reused} (the reader's stored ranking of the same inputs); else null.
 */
public record ReadEndpointResult(ReadEndpoint endpoint, int connections, LatencyStats saturated, double offeredRate,
                                 double sentPerSecond, LatencyStats atOffered, double maxSendLagMs,
                                 ProfileSummary profile, ProcessCpu.Usage cpu,
                                 NotificationPageSources.Counts pageSources, Map<String, Long> rankings) {

    /** Whether the open-loop generator sent (nearly) every request its schedule held. */
    public boolean generatorKeptUp() {
        return offeredRate > 0 && sentPerSecond >= offeredRate * Verdicts.SENT_SHARE_OF_OFFERED;
    }
}
