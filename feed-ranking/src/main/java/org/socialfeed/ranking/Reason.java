package org.socialfeed.ranking;

/** Why an entry ranks where it does: the signal that lifted it most, or recency when none did. */
public enum Reason {
    /** The reader often interacts with the author. */
    AUTHOR_AFFINITY,
    /** Accounts the reader follows liked or reposted it. */
    SOCIAL_PROOF,
    /** Many accounts interacted with it. */
    EARLY_ENGAGEMENT,
    /** No signal stands out: it is recent. */
    RECENCY
}
