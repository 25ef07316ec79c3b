package org.socialfeed.feed.timeline;

import org.socialfeed.feed.account.SuspendedAccounts;
import org.socialfeed.feed.post.CachedPost;

import java.util.Set;

/**
 * What a reader must not see, whatever reached their timeline: posts and reposts involving accounts they muted or
 * blocked, accounts that blocked them, and suspended accounts. Mastodon's {@code blocks_or_mutes?} at read time.
 */
public record ReaderFilter(String readerId, Set<String> muting, Set<String> blocking, Set<String> blockedBy,
                           SuspendedAccounts suspended) {

    /** @param original the reposted post when {@code entry} is a repost, else null */
    public boolean hides(CachedPost entry, CachedPost original) {
        if (hidesAccount(entry.authorId())) {
            return true;
        }
        return original != null && hidesAccount(original.authorId());
    }

    public boolean hidesAccount(String accountId) {
        if (accountId.equals(readerId)) {
            return suspended.isSuspended(accountId);
        }
        return muting.contains(accountId) || blocking.contains(accountId) || blockedBy.contains(accountId)
                || suspended.isSuspended(accountId);
    }
}
