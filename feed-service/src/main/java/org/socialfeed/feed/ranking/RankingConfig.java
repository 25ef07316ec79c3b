package org.socialfeed.feed.ranking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The ranked home timeline's knobs ({@code social.feed.ranking.*}, ADR 21). */
@ConfigMapping(prefix = "social.feed.ranking")
public interface RankingConfig {

    /** How many of the newest home timeline entries (with followed celebrities' merged in) a ranking orders. */
    @WithDefault("200")
    int candidates();

    /** An interaction's weight in the author affinity halves after this long. */
    @WithDefault("30D")
    Duration affinityHalfLife();

    /** Interactions kept per reader (those that count most today); bounds the affinity to as many authors. */
    @WithDefault("300")
    int interactionsKept();

    /** Authors whose affinity a ranking reads (the strongest). */
    @WithDefault("100")
    int topAuthors();

    /** Likes and reposts by followed accounts kept per reader (social proof), newest posts first. */
    @WithDefault("500")
    int endorsementsKept();

    /** Posts older than this bring no social proof and are not suggested. */
    @WithDefault("3D")
    Duration endorsementWindow();

    /** How many followed accounts must have liked or reposted a post the reader does not follow for it to be suggested. */
    @WithDefault("2")
    int suggestionEndorsements();

    /** Whether posts of accounts the reader does not follow may be suggested by social proof (a request can say no). */
    @WithDefault("true")
    boolean suggestions();

    /** How long a ranked snapshot stays pageable. */
    @WithDefault("30M")
    Duration snapshotTtl();

    /** Candidates' authorships (and their counts) kept in memory for later rankings ({@code CandidateFacts}). */
    @WithDefault("200000")
    int authorshipsKept();

    /** How old a candidate's counts may be when a ranking weighs its engagement ({@code CandidateFacts}). */
    @WithDefault("5S")
    Duration countsMaxAge();
}
