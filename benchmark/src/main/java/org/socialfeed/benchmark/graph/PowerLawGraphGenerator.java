package org.socialfeed.benchmark.graph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates a social graph whose follower counts follow a power law, with a few celebrity accounts on top.
 * Regular author of rank r (1 = most followed) gets {@code topAuthorFollowers / r^s} passive followers, and actors
 * pick whom to follow in proportion to the same weights (preferential attachment), so the actors' own follower
 * counts have the same heavy tail. Deterministic for a given spec and seed.
 */
public final class PowerLawGraphGenerator {

    private PowerLawGraphGenerator() {
    }

    public static SocialGraph generate(GraphSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int actors = spec.actors();
        int celebrities = spec.celebrityFollowers().size();
        int regulars = actors - celebrities;

        int[] synthetic = new int[actors];
        int pool = spec.topAuthorFollowers();
        for (int c = 0; c < celebrities; c++) {
            synthetic[c] = spec.celebrityFollowers().get(c);
            pool = Math.max(pool, synthetic[c]);
        }
        double[] cumulative = new double[regulars];
        double sum = 0;
        for (int rank = 1; rank <= regulars; rank++) {
            double weight = Math.pow(rank, -spec.zipfExponent());
            synthetic[celebrities + rank - 1] = (int) Math.round(spec.topAuthorFollowers() * weight);
            sum += weight;
            cumulative[rank - 1] = sum;
        }
        int[] offsets = new int[actors];
        int syntheticPool = Math.max(1, pool);
        for (int a = 0; a < actors; a++) {
            offsets[a] = random.nextInt(syntheticPool);
        }

        int[] probeFollowers = new int[spec.probeFollowers()];
        for (int p = 0; p < probeFollowers.length; p++) {
            probeFollowers[p] = actors - 1 - p;
        }
        int[][] followees = new int[actors][];
        for (int a = 0; a < actors; a++) {
            boolean[] chosen = new boolean[actors];
            chosen[a] = true;
            int count = 0;
            int[] list = new int[spec.followsPerActor() + celebrities + 1];
            while (count < spec.followsPerActor()) {
                int followee = celebrities + pick(cumulative, random.nextDouble() * sum);
                if (!chosen[followee]) {
                    chosen[followee] = true;
                    list[count++] = followee;
                }
            }
            boolean probe = a >= actors - probeFollowers.length;
            if (probe && !chosen[celebrities]) {
                chosen[celebrities] = true;
                list[count++] = celebrities;
            }
            for (int c = 0; c < celebrities; c++) {
                if (!chosen[c] && (probe || random.nextDouble() < spec.celebrityFollowProbability())) {
                    chosen[c] = true;
                    list[count++] = c;
                }
            }
            followees[a] = Arrays.copyOf(list, count);
        }
        return new SocialGraph(spec, synthetic, offsets, syntheticPool, followees, probeFollowers);
    }

    /** The index of the first cumulative weight above {@code target}. */
    private static int pick(double[] cumulative, double target) {
        int index = Arrays.binarySearch(cumulative, target);
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }
}
