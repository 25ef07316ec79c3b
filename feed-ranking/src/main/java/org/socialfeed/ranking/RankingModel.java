package org.socialfeed.ranking;

import java.time.Duration;

/**
 * The ranked home timeline's scoring, a pure function of a {@link Candidate}: recency times the lift of the
 * reader's own signals,
 * <pre>
 *   score = 2^(-age / recencyHalfLife) * (base + affinity * a/(a + 3) + socialProof * p/(p + 2) + engagement * e/(e + 10))
 * </pre>
 * with {@code a} the decayed affinity to the author, {@code p} the followed accounts that liked or reposted the post
 * and {@code e = likes + 2 reposts + replies}. Each signal saturates, so no single one (a viral post, an author
 * liked a hundred times) drowns the others, and a strong signal keeps an entry on top for a few recency half-lives
 * only. The reason is the signal that contributed most, if it lifted the entry by at least {@code base}; else
 * recency.
 *
 * @param base            the lift of an entry without signals
 * @param affinity        the most the author affinity can add
 * @param socialProof     the most social proof can add
 * @param engagement      the most engagement can add
 * @param recencyHalfLife after this age an entry's score is halved
 */
public record RankingModel(double base, double affinity, double socialProof, double engagement,
                           Duration recencyHalfLife) {

    /**
     * The weights feed-service ranks with and the offline evaluation measures (benchmark {@code RankingEvaluation}:
     * affinity carries most of what a reader engages with next; social proof and engagement help when they are
     * strong and cost when they outweigh it).
     */
    public static final RankingModel DEFAULT = new RankingModel(0.2, 3.0, 1.0, 0.5, Duration.ofHours(12));

    public Score score(Candidate candidate) {
        double a = candidate.affinity();
        double p = candidate.endorsements();
        double e = candidate.favourites() + 2.0 * candidate.reblogs() + candidate.replies();
        double affinityLift = affinity * a / (a + 3);
        double proofLift = socialProof * p / (p + 2);
        double engagementLift = engagement * e / (e + 10);
        double recency = Math.pow(2, -(double) Math.max(0, candidate.ageMillis()) / recencyHalfLife.toMillis());
        return new Score(recency * (base + affinityLift + proofLift + engagementLift),
                strongest(affinityLift, proofLift, engagementLift));
    }

    private Reason strongest(double affinityLift, double proofLift, double engagementLift) {
        double most = Math.max(affinityLift, Math.max(proofLift, engagementLift));
        if (most < base) {
            return Reason.RECENCY;
        }
        if (most == affinityLift) {
            return Reason.AUTHOR_AFFINITY;
        }
        return most == proofLift ? Reason.SOCIAL_PROOF : Reason.EARLY_ENGAGEMENT;
    }
}
