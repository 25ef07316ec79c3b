package org.socialfeed.benchmark.ceiling;

/**
 * The {@link ReferenceHomeReader}'s home-timeline reads on this machine in this run: the physical limit that
 * feed-service's saturated home reads are given as a fraction of.
 *
 * @param reader    which reference reader ({@code liked none}, {@code liked 100})
 * @param generator which load generator measured it: the harness's keep-alive Vert.x client or wrk
 * @param command   the exact setup or command line, so the figure can be reproduced
 */
public record HomeReadCeiling(String reader, String generator, double readsPerSecond, double p99Ms, long errors,
                              String command) {
}
