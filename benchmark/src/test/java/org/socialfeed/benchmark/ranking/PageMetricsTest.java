package org.socialfeed.benchmark.ranking;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PageMetricsTest {

    @Test
    void countsHitsInTheFirstK() {
        assertThat(PageMetrics.hits(List.of(1, 2, 3, 4), Set.of(2, 4, 9), 3)).isEqualTo(1);
        assertThat(PageMetrics.hits(List.of(1, 2), Set.of(1, 2), 20)).isEqualTo(2);
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndDiscountsLaterHits() {
        assertThat(PageMetrics.ndcg(List.of(7, 8, 1, 2), Set.of(7, 8), 20)).isEqualTo(1.0);
        // one relevant entry, second instead of first: 1/log2(3) over 1/log2(2)
        assertThat(PageMetrics.ndcg(List.of(1, 7, 2), Set.of(7), 20)).isCloseTo(0.6309, within(1e-4));
        // a relevant entry past k gains nothing, but counts in the ideal; so does one the page lacks
        assertThat(PageMetrics.ndcg(List.of(1, 2, 7), Set.of(7), 2)).isZero();
        assertThat(PageMetrics.ndcg(List.of(7, 1), Set.of(7, 8), 20)).isCloseTo(1 / (1 + 0.6309), within(1e-4));
        assertThat(PageMetrics.ndcg(List.of(1, 2), Set.of(), 20)).isZero();
    }
}
