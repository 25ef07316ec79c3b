package org.socialfeed.benchmark.graph;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerLawGraphGeneratorTest {

    private static final GraphSpec SPEC = new GraphSpec(600, List.of(150_000, 100_000), 10_000, 1.0, 10, 0.5, 4, 42L);

    @Test
    void celebritiesHaveTheirConfiguredFollowersAndOneHasAtLeast100k() {
        SocialGraph graph = PowerLawGraphGenerator.generate(SPEC);

        assertThat(graph.celebrities()).isEqualTo(2);
        assertThat(graph.syntheticFollowerCount(0)).isEqualTo(150_000);
        assertThat(graph.syntheticFollowerCount(1)).isEqualTo(100_000);
        assertThat(graph.followerCount(0)).isGreaterThanOrEqualTo(100_000);
        assertThat(graph.isCelebrity(1)).isTrue();
        assertThat(graph.isCelebrity(graph.probeAuthor())).isFalse();
    }

    @Test
    void regularFollowerCountsFollowZipfsLaw() {
        SocialGraph graph = PowerLawGraphGenerator.generate(SPEC);
        int[] regulars = graph.regularActors();

        assertThat(graph.syntheticFollowerCount(graph.probeAuthor())).isEqualTo(10_000);
        assertThat(graph.syntheticFollowerCount(regulars[1])).isEqualTo(5_000);
        assertThat(graph.syntheticFollowerCount(regulars[9])).isEqualTo(1_000);
        // least-squares slope of log(followers) over log(rank) for ranks 1..200 is the exponent
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 200;
        for (int rank = 1; rank <= n; rank++) {
            double x = Math.log(rank);
            double y = Math.log(graph.syntheticFollowerCount(regulars[rank - 1]));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertThat(slope).isBetween(-1.05, -0.95);
        // a heavy tail: the top 5% of regular authors hold over half of the passive follows
        long top = 0, all = 0;
        for (int i = 0; i < regulars.length; i++) {
            all += graph.syntheticFollowerCount(regulars[i]);
            if (i < regulars.length / 20) {
                top += graph.syntheticFollowerCount(regulars[i]);
            }
        }
        assertThat(top).isGreaterThan(all / 2);
    }

    @Test
    void actorsPreferToFollowTheMostFollowed() {
        SocialGraph graph = PowerLawGraphGenerator.generate(SPEC);
        int[] regulars = graph.regularActors();

        int topTen = 0, bottomHalf = 0;
        for (int i = 0; i < 10; i++) {
            topTen += graph.actorFollowerCount(regulars[i]);
        }
        for (int i = regulars.length / 2; i < regulars.length; i++) {
            bottomHalf += graph.actorFollowerCount(regulars[i]);
        }
        assertThat(topTen).isGreaterThan(bottomHalf);
        assertThat(graph.actorFollowerCount(regulars[0])).isGreaterThan(graph.actorFollowerCount(regulars[50]));
    }

    @Test
    void syntheticFollowersOfOneAccountAreDistinctIdsBelow2To53() {
        SocialGraph graph = PowerLawGraphGenerator.generate(SPEC);
        Set<Long> ids = new HashSet<>();
        for (int j = 0; j < graph.syntheticFollowerCount(0); j++) {
            ids.add(graph.syntheticFollowerId(0, j));
        }
        assertThat(ids).hasSize(150_000);
        assertThat(ids).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(SocialGraph.SYNTHETIC_ID_BASE)
                .isLessThan(1L << 53));
        assertThat(graph.syntheticAccounts()).isEqualTo(150_000);
        assertThat(graph.totalSyntheticFollows()).isGreaterThan(250_000 + 60_000);
    }

    @Test
    void followsAreDistinctNeverOfOneselfAndProbeFollowersFollowTheProbeAuthorAndCelebrities() {
        SocialGraph graph = PowerLawGraphGenerator.generate(SPEC);
        for (int actor = 0; actor < graph.actors(); actor++) {
            int[] followees = graph.followees(actor);
            assertThat(followees).doesNotHaveDuplicates().doesNotContain(actor);
            assertThat(followees.length).isGreaterThanOrEqualTo(10);
        }
        assertThat(graph.probeFollowers()).hasSize(4);
        for (int probe : graph.probeFollowers()) {
            assertThat(graph.followees(probe)).contains(graph.probeAuthor(), 0, 1);
        }
    }

    @Test
    void theGraphIsAFunctionOfTheSpec() {
        SocialGraph one = PowerLawGraphGenerator.generate(SPEC);
        SocialGraph two = PowerLawGraphGenerator.generate(SPEC);
        for (int actor = 0; actor < one.actors(); actor++) {
            assertThat(two.followees(actor)).containsExactly(one.followees(actor));
        }
        assertThat(two.syntheticFollowerId(5, 3)).isEqualTo(one.syntheticFollowerId(5, 3));
    }

    @Test
    void refusesAGraphTooSmallForItsProbes() {
        assertThatThrownBy(() -> new GraphSpec(5, List.of(100_000), 10_000, 1.0, 2, 0.5, 4, 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
