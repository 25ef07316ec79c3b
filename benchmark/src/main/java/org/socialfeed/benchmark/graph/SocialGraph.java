package org.socialfeed.benchmark.graph;

import java.util.stream.IntStream;

/**
 * A generated social graph. Actors are indexed {@code 0..actors-1}: first the celebrities, then the regular authors
 * by rank (the first of them, {@link #probeAuthor()}, has the most followers). Followers come in two kinds:
 * actors following actors (created over HTTP through user-service) and passive synthetic accounts (produced as
 * follow events straight to Kafka; see {@link #syntheticFollowerId}).
 */
public final class SocialGraph {

    /**
     * Synthetic follower ids start at 2^52: above every id the services hand out for centuries (41 bits of
     * milliseconds since 2025 shifted by 12), and below 2^53 like every id in the system.
     */
    public static final long SYNTHETIC_ID_BASE = 1L << 52;

    private final GraphSpec spec;
    private final int[] syntheticFollowers;
    private final int[] syntheticOffset;
    private final int syntheticPool;
    private final int[][] followees;
    private final int[] probeFollowers;
    private final int[] actorFollowers;

    SocialGraph(GraphSpec spec, int[] syntheticFollowers, int[] syntheticOffset, int syntheticPool, int[][] followees,
                int[] probeFollowers) {
        this.spec = spec;
        this.syntheticFollowers = syntheticFollowers;
        this.syntheticOffset = syntheticOffset;
        this.syntheticPool = syntheticPool;
        this.followees = followees;
        this.probeFollowers = probeFollowers;
        this.actorFollowers = new int[spec.actors()];
        for (int[] list : followees) {
            for (int followee : list) {
                actorFollowers[followee]++;
            }
        }
    }

    public GraphSpec spec() {
        return spec;
    }

    public int actors() {
        return spec.actors();
    }

    public int celebrities() {
        return spec.celebrityFollowers().size();
    }

    public boolean isCelebrity(int actor) {
        return actor < celebrities();
    }

    /** The most-followed regular author: the delivery probe's author. */
    public int probeAuthor() {
        return celebrities();
    }

    /** Regular (non-celebrity) actors, most-followed first. */
    public int[] regularActors() {
        return IntStream.range(celebrities(), actors()).toArray();
    }

    /** Actors whose home timelines the delivery probe watches: they follow the probe author and every celebrity. */
    public int[] probeFollowers() {
        return probeFollowers.clone();
    }

    /** Actors that {@code actor} follows (created over HTTP). */
    public int[] followees(int actor) {
        return followees[actor].clone();
    }

    public int syntheticFollowerCount(int actor) {
        return syntheticFollowers[actor];
    }

    /** The id of the {@code j}-th synthetic follower of {@code actor}: distinct for distinct {@code j}. */
    public long syntheticFollowerId(int actor, int j) {
        if (j < 0 || j >= syntheticFollowers[actor]) {
            throw new IndexOutOfBoundsException(j);
        }
        return SYNTHETIC_ID_BASE + (syntheticOffset[actor] + (long) j) % syntheticPool;
    }

    /** Distinct synthetic accounts in the graph (each follows several actors). */
    public int syntheticAccounts() {
        return syntheticPool;
    }

    public int actorFollowerCount(int actor) {
        return actorFollowers[actor];
    }

    /** All followers of {@code actor}: the ones a post of theirs fans out to. */
    public int followerCount(int actor) {
        return syntheticFollowers[actor] + actorFollowers[actor];
    }

    public long totalSyntheticFollows() {
        long total = 0;
        for (int count : syntheticFollowers) {
            total += count;
        }
        return total;
    }

    public long totalActorFollows() {
        long total = 0;
        for (int[] list : followees) {
            total += list.length;
        }
        return total;
    }
}
