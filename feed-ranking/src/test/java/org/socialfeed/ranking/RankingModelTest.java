package org.socialfeed.ranking;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingModelTest {

    private static final RankingModel MODEL = RankingModel.DEFAULT;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void anEntryWithoutSignalsScoresItsBaseHalvedPerHalfLifeOfAge() {
        assertThat(MODEL.score(new Candidate(0, 0, 0, 0, 0, 0)))
                .isEqualTo(new Score(0.2, Reason.RECENCY));
        assertThat(MODEL.score(new Candidate(0, 0, 0, 0, 0, 12 * HOUR)).value()).isCloseTo(0.1, within(1e-12));
        assertThat(MODEL.score(new Candidate(0, 0, 0, 0, 0, 24 * HOUR)).value()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void eachSignalSaturatesAtItsWeight() {
        // affinity 3 = half of the affinity weight 3.0
        assertThat(MODEL.score(new Candidate(3, 0, 0, 0, 0, 0)).value()).isCloseTo(0.2 + 1.5, within(1e-12));
        // two endorsements = half of the social proof weight 1.0
        assertThat(MODEL.score(new Candidate(0, 0, 0, 0, 2, 0)).value()).isCloseTo(0.2 + 0.5, within(1e-12));
        // 4 likes + 2 reposts + 2 replies = engagement 10, half of the engagement weight 0.5
        assertThat(MODEL.score(new Candidate(0, 4, 2, 2, 0, 0)).value()).isCloseTo(0.2 + 0.25, within(1e-12));
        assertThat(MODEL.score(new Candidate(1e9, 1_000_000, 0, 0, 1000, 0)).value())
                .isCloseTo(0.2 + 3.0 + 1.0 + 0.5, within(0.01));
    }

    @Test
    void theReasonIsTheSignalThatLiftedMost() {
        assertThat(MODEL.score(new Candidate(5, 3, 0, 0, 1, 0)).reason()).isEqualTo(Reason.AUTHOR_AFFINITY);
        assertThat(MODEL.score(new Candidate(0.5, 3, 0, 0, 3, 0)).reason()).isEqualTo(Reason.SOCIAL_PROOF);
        assertThat(MODEL.score(new Candidate(0, 40, 10, 5, 0, 0)).reason()).isEqualTo(Reason.EARLY_ENGAGEMENT);
        // a lift below the base (one like by someone, affinity 0.1) is no reason
        assertThat(MODEL.score(new Candidate(0.1, 1, 0, 0, 0, 0)).reason()).isEqualTo(Reason.RECENCY);
    }

    @Test
    void aFavouriteAuthorsDayOldPostOutranksAStrangersFreshOne() {
        double favourite = MODEL.score(new Candidate(6, 0, 0, 0, 0, 24 * HOUR)).value(); // (0.2 + 2.0) / 4
        double fresh = MODEL.score(new Candidate(0, 0, 0, 0, 0, 0)).value();
        assertThat(favourite).isCloseTo(0.55, within(1e-12)).isGreaterThan(fresh);
        // but not for ever: three days later it has sunk below the fresh post
        assertThat(MODEL.score(new Candidate(6, 0, 0, 0, 0, 72 * HOUR)).value()).isLessThan(fresh);
    }

    @Test
    void decayHalvesAStoredSignalPerHalfLifeWhatEverTheScale() {
        Decay decay = new Decay(Duration.ofDays(30));
        long liked = Decay.EPOCH_MILLIS + Duration.ofDays(400).toMillis();
        double stored = decay.grown(2, liked) + decay.grown(1, liked + Duration.ofDays(30).toMillis());
        long now = liked + Duration.ofDays(60).toMillis();
        // 2 halved twice plus 1 halved once
        assertThat(decay.valueAt(stored, now)).isCloseTo(0.5 + 0.5, within(1e-9));
        assertThat(decay.valueAt(decay.grown(1, Decay.EPOCH_MILLIS), Decay.EPOCH_MILLIS)).isEqualTo(1.0);
    }

    @Test
    void interactionsRoundTripTheirCodes() {
        for (Interaction interaction : Interaction.values()) {
            assertThat(Interaction.ofCode(interaction.code())).isEqualTo(interaction);
        }
        assertThat(Interaction.REPLY.weight()).isGreaterThan(Interaction.LIKE.weight());
    }
}
