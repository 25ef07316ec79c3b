package org.socialfeed.feed.ranking;

import io.lettuce.core.ScoredValue;
import org.junit.jupiter.api.Test;
import org.socialfeed.feed.policy.Reader;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RankingInputsTest {

    private static final List<String> WINDOW = List.of("30", "20", "10");
    private static final List<ScoredValue<String>> AFFINITY = List.of(ScoredValue.just(2.5, "7"),
            ScoredValue.just(1.0, "8"));
    private static final List<String> ENDORSEMENTS = List.of("20:7", "40:8");
    private static final Reader SHUNNING = new Reader("1", Set.of(), Set.of("5"), Set.of("6", "9"), Set.of(),
            Set.of());

    private static long digest(boolean suggestions, List<String> window, List<ScoredValue<String>> affinity,
                               List<String> endorsements, Reader shunning) {
        return RankingInputs.digest(suggestions, window, affinity, endorsements, shunning);
    }

    @Test
    void theSameInputsGiveTheSameDigestWhateverTheOrderOfASet() {
        Set<String> reversed = new LinkedHashSet<>(List.of("9", "6"));
        Reader sameShunning = new Reader("1", Set.of(), Set.of("5"), reversed, Set.of(), Set.of());

        assertThat(digest(true, List.copyOf(WINDOW), List.copyOf(AFFINITY), List.copyOf(ENDORSEMENTS), sameShunning))
                .isEqualTo(digest(true, WINDOW, AFFINITY, ENDORSEMENTS, SHUNNING));
    }

    @Test
    void anyChangeOfWhatARankingIsComputedFromChangesTheDigest() {
        long digest = digest(true, WINDOW, AFFINITY, ENDORSEMENTS, SHUNNING);

        assertThat(List.of(
                digest(false, WINDOW, AFFINITY, ENDORSEMENTS, SHUNNING),
                digest(true, List.of("40", "30", "20", "10"), AFFINITY, ENDORSEMENTS, SHUNNING),
                digest(true, List.of("30", "10", "20"), AFFINITY, ENDORSEMENTS, SHUNNING),
                digest(true, WINDOW, List.of(ScoredValue.just(2.6, "7"), ScoredValue.just(1.0, "8")), ENDORSEMENTS,
                        SHUNNING),
                digest(true, WINDOW, AFFINITY, List.of("20:7", "40:8", "40:9"), SHUNNING),
                digest(true, WINDOW, AFFINITY, ENDORSEMENTS, new Reader("1", Set.of(), Set.of("5", "11"),
                        Set.of("6", "9"), Set.of(), Set.of())),
                digest(true, WINDOW, AFFINITY, ENDORSEMENTS, new Reader("1", Set.of(), Set.of("5"), Set.of("6", "9"),
                        Set.of("12"), Set.of())),
                // the same account moved from one set to another
                digest(true, WINDOW, AFFINITY, ENDORSEMENTS, new Reader("1", Set.of(), Set.of(), Set.of("5", "6", "9"),
                        Set.of(), Set.of()))))
                .doesNotContain(digest).doesNotHaveDuplicates();
    }
}
