package org.socialfeed.feed.ranking;

import org.junit.jupiter.api.Test;
import org.socialfeed.ranking.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class RankedEntryTest {

    private static final String REPOST = "{\"id\":\"3\",\"account\":{\"id\":\"2\",\"username\":\"bob\",\"acct\":\"bob\"},"
            + "\"content\":\"\\\"acct\\\":\\\"mallory\\\"\",\"reblog\":{\"id\":\"1\",\"account\":{\"id\":\"1\","
            + "\"username\":\"alice\",\"acct\":\"alice\"}},\"favourited\":false}";

    @Test
    void anEntryReadsBackAsStored() {
        RankedEntry entry = new RankedEntry("123", 0.4375, Reason.SOCIAL_PROOF, "3", true);
        assertThat(RankedEntry.decode(entry.encode())).isEqualTo(entry);
        RankedEntry plain = new RankedEntry("124", 0.2, Reason.RECENCY, "", false);
        assertThat(RankedEntry.decode(plain.encode())).isEqualTo(plain);
    }

    @Test
    void theExplanationNamesThePosterOrTheOriginalsAuthorAndEndsTheStatus() {
        assertThat(new RankedEntry("3", 1.25, Reason.AUTHOR_AFFINITY, RankedEntry.POSTER, false).explain(REPOST))
                .startsWith(REPOST.substring(0, REPOST.length() - 1))
                .endsWith(",\"socialfeed_ranking\":{\"score\":1.2500,\"reason\":\"author_affinity\","
                        + "\"explanation\":\"You often interact with @bob\",\"suggested\":false}}");
        assertThat(new RankedEntry("3", 1.25, Reason.AUTHOR_AFFINITY, RankedEntry.ORIGINAL_AUTHOR, false)
                .explain(REPOST)).contains("\"explanation\":\"You often interact with @alice\"");
        assertThat(new RankedEntry("3", 0.5, Reason.SOCIAL_PROOF, "1", true).explain(REPOST))
                .contains("\"explanation\":\"Liked or reposted by 1 account you follow\",\"suggested\":true");
        assertThat(new RankedEntry("3", 0.00312, Reason.RECENCY, "", false).explain(REPOST))
                .contains("\"score\":0.0031,");
        assertThat(new RankedEntry("3", 2.99996, Reason.RECENCY, "", false).explain(REPOST))
                .contains("\"score\":3.0000,");
    }
}
