package org.socialfeed.ranking;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which posts of accounts a reader does not follow a ranking suggests: those liked or reposted by at least
 * {@code minimum} accounts the reader follows, the most endorsed first, newer first among equals, at most
 * {@code limit}.
 */
public record Suggestions(int minimum, int limit) {

    /**
     * @param endorsements how many followed accounts endorsed each post, by post id (ids are time-ordered)
     * @param eligible     whether a post may be suggested at all (not already among the candidates, not the
     *                     reader's own, not by an account they follow)
     */
    public List<Long> pick(Map<Long, Integer> endorsements, Predicate<Long> eligible) {
        return endorsements.entrySet().stream()
                .filter(post -> post.getValue() >= minimum && eligible.test(post.getKey()))
                .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
