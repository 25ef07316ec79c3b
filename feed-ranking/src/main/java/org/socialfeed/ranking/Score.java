package org.socialfeed.ranking;

/** An entry's rank score (higher first) and the reason it got it. */
public record Score(double value, Reason reason) {
}
