package org.socialfeed.benchmark.ranking;

import java.util.List;
import java.util.Set;

/** Quality of one ordered page against the posts a reader went on to engage with. */
final class PageMetrics {

    private PageMetrics() {
    }

    /** How many of the first {@code k} entries the reader engaged with. */
    static int hits(List<Integer> ranked, Set<Integer> engaged, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (engaged.contains(ranked.get(i))) {
                hits++;
            }
        }
        return hits;
    }

    /**
     * Normalized discounted cumulative gain at {@code k} with binary relevance: each engaged entry at position i
     * (from 0) gains 1 / log2(i + 2), divided by the gain of the ideal order (every engaged entry first); 0 when
     * nothing was engaged with. {@code engaged} holds only candidates, so orderings of different candidate lists
     * (with or without suggestions) are measured against the same ideal.
     */
    static double ndcg(List<Integer> ranked, Set<Integer> engaged, int k) {
        double gain = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (engaged.contains(ranked.get(i))) {
                gain += discount(i);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, engaged.size()); i++) {
            ideal += discount(i);
        }
        return ideal == 0 ? 0 : gain / ideal;
    }

    private static double discount(int position) {
        return 1 / (Math.log(position + 2) / Math.log(2));
    }
}
