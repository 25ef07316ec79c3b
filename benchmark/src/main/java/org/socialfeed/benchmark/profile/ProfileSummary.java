package org.socialfeed.benchmark.profile;

import java.util.List;

/**
 * Where one service spent a saturation phase, from a JFR recording: process CPU time and allocated bytes (the
 * weights of JFR's allocation samples, an estimate of all allocation) per successful read (0 if there was none),
 * the hottest methods and packages by execution samples whose top frame (self time) they are, and our own methods
 * by the samples they were the innermost of our frames in.
 *
 * @param recording the .jfr file, relative to the results folder
 */
public record ProfileSummary(String service, String recording, long reads, double cpuMsPerRead,
                             double allocatedBytesPerRead, long executionSamples, List<Hotspot> methods,
                             List<Hotspot> packages, List<Hotspot> ours) {

    /** A method or package and the share of execution samples it was the top frame of. */
    public record Hotspot(String name, long samples, double share) {
    }
}
