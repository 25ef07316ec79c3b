package org.socialfeed.support.mastodon;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.ProfileField;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The one rendering of Mastodon's Status and (embedded) Account entities, used by every service that shows them, so a
 * post reads the same from post-service, a home timeline and a notification. Each service maps its own copy of a
 * post into a {@link RenderablePost}; links all come from {@link PublicLinks}.
 */
@ApplicationScoped
public class StatusRendering {

    private final PublicLinks links;

    public StatusRendering(PublicLinks links) {
        this.links = links;
    }

    public PublicLinks links() {
        return links;
    }

    /**
     * An account as Mastodon renders it inside a status or notification: every field but the counters and
     * {@code last_status_at}, which only user-service knows. {@code created_at} is the day (midnight UTC), as
     * Mastodon shows it; an older event's account without a profile is shown with defaults and the creation day
     * taken from its time-ordered id.
     */
    public AccountView account(AccountRef account) {
        return new AccountView(account.id(), account.username(), account.username(), account.displayName(),
                Boolean.TRUE.equals(account.locked()), Boolean.TRUE.equals(account.bot()),
                !Boolean.FALSE.equals(account.discoverable()), false,
                createdDay(account), account.note() == null ? "" : account.note(),
                links.profileUrl(account.username()), links.accountUri(account.username()),
                links.avatar(account.avatar()), links.avatar(account.avatar()),
                links.header(account.header()), links.header(account.header()),
                null, null, null, null, List.of(),
                account.fields() == null ? List.of() : account.fields().stream().map(StatusRendering::field).toList(),
                null);
    }

    /**
     * A post (not a repost) as a Status.
     *
     * @param quote the quoted post's Status if the reader may see it, else null
     */
    public StatusView status(RenderablePost post, RenderablePost.Interactions interactions, StatusView quote) {
        return new StatusView(post.id(),
                links.statusUri(post.author().username(), post.id()),
                links.statusUrl(post.author().username(), post.id()),
                post.createdAt(), post.editedAt(), account(post.author()),
                orEmpty(post.content()), null,
                StatusView.visibility(post.visibility()), post.sensitive(), orEmpty(post.spoilerText()),
                media(post.media()),
                orEmpty(post.mentions()).stream().map(this::mention).toList(),
                orEmpty(post.hashtags()).stream().map(tag -> new StatusView.TagView(tag, links.tagUrl(tag))).toList(),
                List.of(),
                interactions.reblogs(), interactions.favourites(), interactions.replies(),
                post.inReplyToId(), post.inReplyToAccountId(), null, quote, post.language(),
                interactions.favourited(), interactions.reblogged());
    }

    /**
     * A repost as Mastodon shows it: a status of the reposter's with no content or counts of its own, whose
     * {@code reblog} is the original; the reader's flags are the original's.
     */
    public StatusView repost(String repostId, AccountRef reposter, Instant at, StatusView original) {
        StatusView shell = repostShell(repostId, reposter, at,
                Visibility.valueOf(original.visibility().toUpperCase(Locale.ROOT)));
        return new StatusView(shell.id(), shell.uri(), shell.url(), shell.createdAt(), null, shell.account(),
                shell.content(), null, shell.visibility(), false, shell.spoilerText(), shell.mediaAttachments(),
                shell.mentions(), shell.tags(), shell.emojis(), 0, 0, 0, null, null, original, null, null,
                original.favourited(), original.reblogged());
    }

    /**
     * A repost without its original and flags (for {@link StatusTemplate#ofRepost}). It is public, except that an
     * author's repost of their own followers-only post stays followers-only (Mastodon's ReblogService).
     */
    public StatusView repostShell(String repostId, AccountRef reposter, Instant at, Visibility originalVisibility) {
        Visibility visibility = originalVisibility == Visibility.PRIVATE ? Visibility.PRIVATE : Visibility.PUBLIC;
        return new StatusView(repostId,
                links.statusUri(reposter.username(), repostId), links.statusUrl(reposter.username(), repostId),
                at, null, account(reposter), "", null, StatusView.visibility(visibility), false, "",
                List.of(), List.of(), List.of(), List.of(), 0, 0, 0, null, null, null, null, null, null, null);
    }

    private StatusView.MentionView mention(AccountRef account) {
        return new StatusView.MentionView(account.id(), account.username(), account.username(),
                links.profileUrl(account.username()));
    }

    /** Media attachments as Mastodon's MediaAttachment; a URL-only attachment is its own preview. */
    public List<StatusView.MediaAttachmentView> media(List<MediaRef> media) {
        return orEmpty(media).stream().map(attachment -> new StatusView.MediaAttachmentView(attachment.id(),
                attachment.type(), attachment.url(), attachment.url(), attachment.description())).toList();
    }

    private static AccountView.Field field(ProfileField field) {
        return new AccountView.Field(field.name(), field.value(), field.verifiedAt());
    }

    private static Instant createdDay(AccountRef account) {
        if (account.createdAt() != null) {
            return account.createdAt().truncatedTo(ChronoUnit.DAYS);
        }
        try {
            return SnowflakeIds.instantOf(Long.parseLong(account.id())).truncatedTo(ChronoUnit.DAYS);
        } catch (NumberFormatException e) {
            return SnowflakeIds.EPOCH; // not one of our ids: the earliest day an account can have
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
