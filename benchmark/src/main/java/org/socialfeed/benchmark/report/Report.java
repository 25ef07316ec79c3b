package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.ceiling.CeilingResult;
import org.socialfeed.benchmark.ceiling.HomeReadCeiling;

import java.util.List;
import java.util.Map;

/**
 * The whole run: where, how, what each mode did, the ceilings beside it (among them the reference home reader's),
 * and the headline ratios and targets.
 */
public record Report(String startedAt, double durationSeconds, Machine machine, String command,
                     Map<String, String> settings, List<ModeResult> modes, List<CeilingResult> ceilings,
                     List<HomeReadCeiling> homeReadCeilings, List<Headline> headlines, List<TargetCheck> targets) {

    public record Machine(String os, String cpuModel, int cpus, long memoryBytes, String java) {
    }

    public record Headline(String name, double value, String explanation) {
    }

    /** {@code pass} is null when the run did not measure what the target needs. */
    public record TargetCheck(String target, String measured, Boolean pass) {
    }
}
