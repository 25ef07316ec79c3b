package org.socialfeed.ranking;

/**
 * What the ranking knows about one entry of a reader's home timeline, or a post suggested to them.
 *
 * @param affinity     the reader's decayed affinity ({@link Decay#valueAt}) to the entry's author, in interaction
 *                     weights (a recent like counts 1); for a repost the stronger of the reposter and the original's
 *                     author
 * @param favourites   the post's likes so far (the original's, for a repost)
 * @param reblogs      the post's reposts so far
 * @param replies      the post's replies so far
 * @param endorsements how many accounts the reader follows liked or reposted the post
 * @param ageMillis    how long the entry has been in timelines
 */
public record Candidate(double affinity, long favourites, long reblogs, long replies, int endorsements,
                        long ageMillis) {
}
