package org.socialfeed.notification.inbox;

import org.socialfeed.events.AccountRef;
import org.socialfeed.notification.replica.CachedPost;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.util.List;
import java.util.Map;

/**
 * Renders a cached post as Mastodon's Status. This service does not see counters, so they are zero, and the
 * caller's own favourited/reblogged flags are left out.
 */
final class StatusViews {

    private StatusViews() {
    }

    /** @param latestNames the latest known names of accounts, which win over the names in the post */
    static StatusView of(CachedPost post, Map<String, AccountRef> latestNames) {
        AccountRef author = latestNames.getOrDefault(post.author().id(), post.author());
        List<StatusView.MediaAttachmentView> media = post.media().stream()
                .map(m -> new StatusView.MediaAttachmentView(m.id(), m.type(), m.url(), m.url(), m.description()))
                .toList();
        List<StatusView.MentionView> mentions = post.mentions().stream()
                .map(m -> new StatusView.MentionView(m.id(), m.username(), m.username(), null))
                .toList();
        List<StatusView.TagView> tags = post.hashtags().stream().map(tag -> new StatusView.TagView(tag, null)).toList();
        return new StatusView(post.postId(), null, null, post.createdAt(), post.editedAt(), AccountView.summary(author),
                post.content(), post.text(), StatusView.visibility(post.visibility()), post.sensitive(),
                post.spoilerText() == null ? "" : post.spoilerText(), media, mentions, tags, List.of(), 0, 0, 0,
                post.inReplyToId(), post.inReplyToAccountId(), null, null, post.language(), null, null);
    }
}
