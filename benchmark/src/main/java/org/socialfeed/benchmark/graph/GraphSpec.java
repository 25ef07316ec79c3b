package org.socialfeed.benchmark.graph;

import java.util.List;

/**
 * The size and shape of the generated social graph.
 *
 * @param actors                     accounts registered over HTTP (they post, read, like, follow); the first
 *                                   {@code celebrityFollowers.size()} of them are the celebrities
 * @param celebrityFollowers         passive followers of each celebrity
 * @param topAuthorFollowers         passive followers of the most-followed regular author (rank 1, the delivery
 *                                   probe's author); rank r gets {@code topAuthorFollowers / r^zipfExponent}
 * @param zipfExponent               exponent of the power law (1.0 is Zipf's law)
 * @param followsPerActor            accounts each actor follows over HTTP, chosen in proportion to their rank's weight
 *                                   (preferential attachment, so actors' follower counts follow the same power law)
 * @param celebrityFollowProbability chance that an actor follows each celebrity (their posts reach home timelines
 *                                   through the read-time merge)
 * @param probeFollowers             actors that follow the probe author and every celebrity, whose home timelines
 *                                   the delivery probe polls
 * @param seed                       the graph is a pure function of the spec, seed included
 */
public record GraphSpec(int actors, List<Integer> celebrityFollowers, int topAuthorFollowers, double zipfExponent,
                        int followsPerActor, double celebrityFollowProbability, int probeFollowers, long seed) {

    public GraphSpec {
        celebrityFollowers = List.copyOf(celebrityFollowers);
        int regulars = actors - celebrityFollowers.size();
        if (regulars < probeFollowers + 2) {
            throw new IllegalArgumentException("need at least " + (probeFollowers + 2) + " regular actors besides "
                    + celebrityFollowers.size() + " celebrities, got " + actors + " actors");
        }
        if (followsPerActor >= regulars - 1) {
            throw new IllegalArgumentException("followsPerActor must be below the number of regular actors");
        }
        if (zipfExponent <= 0 || celebrityFollowProbability < 0 || celebrityFollowProbability > 1) {
            throw new IllegalArgumentException("zipfExponent must be positive and the probability within [0, 1]");
        }
    }
}
