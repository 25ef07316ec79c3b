package org.socialfeed.feed.policy;

import java.util.Set;

/**
 * What {@link HomePolicy} needs to know about a reader: how they relate to other accounts. Each set need only cover
 * the accounts of the entries being decided ({@link HomeEntry#accounts()}), which is what lets fan-out load it for
 * thousands of followers at once.
 *
 * @param following       accounts the reader follows
 * @param muting          accounts the reader muted
 * @param blocking        accounts the reader blocked
 * @param blockedBy       accounts that blocked the reader
 * @param hidingRepostsOf followed accounts whose reposts the reader turned off
 */
public record Reader(String id, Set<String> following, Set<String> muting, Set<String> blocking,
                     Set<String> blockedBy, Set<String> hidingRepostsOf) {

    /** An author as the reader of their own entries: the policy needs no relation for those. */
    public static Reader author(String id) {
        return new Reader(id, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** This reader with the follow facts loaded after the block and mute sets. */
    public Reader withFollows(Set<String> followed, Set<String> hiding) {
        return new Reader(id, followed, muting, blocking, blockedBy, hiding);
    }
}
