package org.socialfeed.post.account;

import org.socialfeed.events.AccountRef;

/** What post-service knows of an account from users.events. */
public record KnownAccount(AccountRef ref, boolean locked, boolean suspended) {

    public long id() {
        return Long.parseLong(ref.id());
    }
}
