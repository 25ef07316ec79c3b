package org.socialfeed.feed.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.feed.config.FeedConfig;
import org.socialfeed.feed.post.CachedPost;
import org.socialfeed.feed.post.PostStats;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;

import java.util.List;

/** Renders cached posts as Mastodon Status entities; a repost becomes a status whose {@code reblog} is the original. */
@ApplicationScoped
public class StatusRenderer {

    private final String publicUrl;

    public StatusRenderer(FeedConfig config) {
        this.publicUrl = config.publicUrl();
    }

    /**
     * @param original the reposted post when {@code entry} is a repost
     * @param stats    the counts and flags of the post shown: the original for a repost (a repost has none of its own)
     */
    public StatusView render(CachedPost entry, CachedPost original, PostStats.Stats stats) {
        if (original == null) {
            return status(entry, stats, null);
        }
        return status(entry, PostStats.Stats.NONE, status(original, stats, null));
    }

    private StatusView status(CachedPost post, PostStats.Stats stats, StatusView reblog) {
        AccountRef author = post.author();
        boolean repost = reblog != null;
        return new StatusView(post.id(),
                publicUrl + "/users/" + author.username() + "/statuses/" + post.id(),
                publicUrl + "/@" + author.username() + "/" + post.id(),
                post.createdAt(), post.editedAt(), AccountView.summary(author),
                repost ? "" : nullToEmpty(post.content()), repost ? "" : post.text(),
                // a repost is public, as post-service writes it; the cached visibility is the original's (the policy's)
                StatusView.visibility(repost ? Visibility.PUBLIC : post.visibility()), post.sensitive(),
                nullToEmpty(post.spoilerText()),
                repost ? List.of() : media(post.media()),
                repost ? List.of() : mentions(post.mentions()),
                repost ? List.of() : tags(post.hashtags()), List.of(),
                stats.reblogs(), stats.favourites(), stats.replies(),
                post.inReplyToId(), post.inReplyToAccountId(), reblog, null, post.language(),
                repost ? reblog.favourited() : stats.favourited(),
                repost ? reblog.reblogged() : stats.reblogged());
    }

    private List<StatusView.MediaAttachmentView> media(List<MediaRef> media) {
        return media == null ? List.of() : media.stream()
                .map(m -> new StatusView.MediaAttachmentView(m.id(), m.type(), m.url(), m.url(), m.description()))
                .toList();
    }

    private List<StatusView.MentionView> mentions(List<AccountRef> mentions) {
        return mentions == null ? List.of() : mentions.stream()
                .map(m -> new StatusView.MentionView(m.id(), m.username(), m.username(), publicUrl + "/@" + m.username()))
                .toList();
    }

    private List<StatusView.TagView> tags(List<String> hashtags) {
        return hashtags == null ? List.of() : hashtags.stream()
                .map(tag -> new StatusView.TagView(tag, publicUrl + "/tags/" + tag))
                .toList();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
