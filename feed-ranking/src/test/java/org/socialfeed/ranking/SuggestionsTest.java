package org.socialfeed.ranking;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void picksTheMostEndorsedThenTheNewestEligiblePosts() {
        Map<Long, Integer> endorsements = Map.of(10L, 2, 11L, 5, 12L, 2, 13L, 1, 14L, 3, 15L, 9);

        assertThat(new Suggestions(2, 3).pick(endorsements, post -> post != 15L)).containsExactly(11L, 14L, 12L);
        assertThat(new Suggestions(2, 10).pick(endorsements, post -> true)).containsExactly(15L, 11L, 14L, 12L, 10L);
        assertThat(new Suggestions(6, 10).pick(endorsements, post -> post != 15L)).isEmpty();
    }
}
