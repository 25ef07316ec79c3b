package org.socialfeed.post.conversation;

import java.util.List;

/**
 * One account's view of a private conversation, Mastodon's {@code AccountConversation}: the direct posts of one
 * thread ({@code threadId}, the id of its first post) among one set of participants (everyone the posts involve
 * but the account itself, sorted). {@code version} guards concurrent changes of the same conversation.
 */
public record Conversation(long id, long accountId, long threadId, List<Long> participantIds, List<Long> statusIds,
                           long lastStatusId, boolean unread, long version) {

    public Conversation asRead() {
        return new Conversation(id, accountId, threadId, participantIds, statusIds, lastStatusId, false, version);
    }
}
