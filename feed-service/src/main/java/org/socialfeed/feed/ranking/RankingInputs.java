package org.socialfeed.feed.ranking;

import io.lettuce.core.ScoredValue;
import org.socialfeed.feed.policy.Reader;

import java.util.Collection;
import java.util.List;

/**
 * A 64-bit digest of what a ranking is computed from, except the counts and the clock: the candidate window, the
 * reader's stored affinities and endorsements, whom they shun and whether suggestions are on. Two rankings with the
 * same digest rank the same candidates from the same signals, so a stored one can stand in for a new one while its
 * counts are as young as a new ranking's may be (ADR 37).
 */
final class RankingInputs {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private RankingInputs() {
    }

    static long digest(boolean suggestions, List<String> window, List<ScoredValue<String>> affinity,
                       List<String> endorsements, Reader shunning) {
        long digest = suggestions ? 1 : 2;
        for (String entryId : window) {
            digest = mix(digest, entryId.hashCode());
        }
        digest = mix(digest, window.size());
        for (ScoredValue<String> author : affinity) {
            digest = mix(mix(digest, author.getValue().hashCode()), Double.hashCode(author.getScore()));
        }
        digest = mix(digest, affinity.size());
        for (String endorsement : endorsements) {
            digest = mix(digest, endorsement.hashCode());
        }
        digest = mix(digest, endorsements.size());
        digest = mix(digest, unordered(shunning.muting()));
        digest = mix(digest, unordered(shunning.blocking()));
        return mix(digest, unordered(shunning.blockedBy()));
    }

    private static long mix(long digest, long value) {
        long mixed = (digest + value) * MULTIPLIER;
        return mixed ^ (mixed >>> 31);
    }

    /** The same for any order of the same accounts. */
    private static long unordered(Collection<String> accounts) {
        long sum = accounts.size();
        for (String account : accounts) {
            sum += mix(0, account.hashCode());
        }
        return sum;
    }
}
