package org.socialfeed.post.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.socialfeed.events.Visibility;
import org.socialfeed.post.config.PostConfig;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Post;
import org.socialfeed.post.status.PostChange;
import org.socialfeed.post.status.PostId;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Mastodon's conversations (direct messages): each direct post joins, for its author and for each mentioned account
 * that may see it, the conversation of its thread with the same participants, which it makes unread for everyone
 * but its author. Deleting a post takes it out again; the conversation then shows its previous post, or goes when
 * none is left. Each account reads, marks read and removes only its own conversations.
 */
@ApplicationScoped
public class Conversations {

    /** A page of conversations the caller may see the last post of, and the conversations it was read by. */
    public record Page(List<Shown> visible, List<Conversation> read) {
    }

    /** A conversation with its last post. */
    public record Shown(Conversation conversation, Post lastStatus) {
    }

    private final ConversationRepository conversations;
    private final PostRepository posts;
    private final Audience audience;
    private final PostConfig config;
    private final SnowflakeIds ids;

    public Conversations(ConversationRepository conversations, PostRepository posts, Audience audience,
                         PostConfig config, SnowflakeIds ids) {
        this.conversations = conversations;
        this.posts = posts;
        this.audience = audience;
        this.config = config;
        this.ids = ids;
    }

    void published(@Observes PostChange.Published change) {
        Post post = change.post();
        if (post.visibility() != Visibility.DIRECT) {
            return;
        }
        long threadId = threadOf(post);
        for (long recipient : recipients(post)) {
            add(recipient, threadId, post);
        }
    }

    void deleted(@Observes PostChange.Deleted change) {
        for (Conversation holding : conversations.holding(change.post().id())) {
            remove(holding, change.post().id());
        }
    }

    public Page page(long accountId, PageRequest page) {
        List<Conversation> read = conversations.page(accountId, page);
        Audience.Sight sight = audience.of(accountId);
        Map<Long, Post> lastStatuses = posts.findByIds(read.stream().map(Conversation::lastStatusId).toList());
        List<Shown> visible = read.stream()
                .map(conversation -> new Shown(conversation, lastStatuses.get(conversation.lastStatusId())))
                // the caller lost sight of it (a block since, or an edit that no longer mentions them)
                .filter(shown -> sight.canSee(shown.lastStatus()))
                .toList();
        return new Page(visible, read);
    }

    /** Mastodon's POST /api/v1/conversations/:id/read. */
    public Shown markRead(long accountId, String id) {
        Shown shown = own(accountId, id);
        conversations.markRead(shown.conversation().id());
        return new Shown(shown.conversation().asRead(), shown.lastStatus());
    }

    /** Removes the caller's own conversation (nobody else's); a later direct post in the thread starts it anew. */
    public void remove(long accountId, String id) {
        conversations.remove(own(accountId, id).conversation().id());
    }

    private Shown own(long accountId, String id) {
        Conversation conversation = conversations.findOwn(accountId, PostId.parse(id)).orElseThrow(PostId::notFound);
        Post lastStatus = posts.findById(conversation.lastStatusId())
                .filter(audience.of(accountId)::canSee).orElseThrow(PostId::notFound);
        return new Shown(conversation, lastStatus);
    }

    /** The author, and each mentioned account that may see the post (not one that blocks or is blocked by them). */
    private List<Long> recipients(Post post) {
        List<Long> recipients = new ArrayList<>();
        recipients.add(post.authorId());
        post.mentions().stream().map(mention -> Long.parseLong(mention.id())).distinct()
                .filter(id -> id != post.authorId() && audience.of(id).canSee(post))
                .forEach(recipients::add);
        return recipients;
    }

    /** The first post of the thread, as Mastodon's conversation_id, followed up through deleted posts too. */
    private long threadOf(Post post) {
        long root = post.id();
        Long parentId = post.inReplyToId();
        for (int depth = 0; parentId != null && depth < config.maxThreadSize(); depth++) {
            Optional<Post> parent = posts.findById(parentId);
            if (parent.isEmpty()) {
                break;
            }
            root = parent.get().id();
            parentId = parent.get().inReplyToId();
        }
        return root;
    }

    /** Mastodon's AccountConversation.add_status. */
    private void add(long accountId, long threadId, Post post) {
        List<Long> participants = Stream.concat(Stream.of(post.author()), post.mentions().stream())
                .map(account -> Long.parseLong(account.id())).filter(id -> id != accountId).distinct().sorted()
                .toList();
        boolean unread = post.authorId() != accountId;
        while (true) {
            Optional<Conversation> existing = conversations.find(accountId, threadId, participants);
            if (existing.isEmpty()) {
                if (conversations.insert(new Conversation(ids.next(), accountId, threadId, participants,
                        List.of(post.id()), post.id(), unread, 0))) {
                    return;
                }
                continue; // created concurrently: join it
            }
            Conversation conversation = existing.get();
            if (conversation.statusIds().contains(post.id())) {
                return;
            }
            List<Long> statusIds = Stream.concat(conversation.statusIds().stream(), Stream.of(post.id())).sorted()
                    .toList();
            if (conversations.update(conversation, statusIds, statusIds.get(statusIds.size() - 1), unread)) {
                return;
            }
        }
    }

    /** Mastodon's AccountConversation.remove_status: the previous post becomes the last, or the conversation goes. */
    private void remove(Conversation holding, long statusId) {
        Conversation conversation = holding;
        while (true) {
            List<Long> statusIds = conversation.statusIds().stream().filter(id -> id != statusId).sorted().toList();
            boolean done = statusIds.isEmpty() ? conversations.delete(conversation)
                    : conversations.update(conversation, statusIds, statusIds.get(statusIds.size() - 1),
                    conversation.unread());
            if (done) {
                return;
            }
            Optional<Conversation> reread = conversations.findOwn(conversation.accountId(), conversation.id());
            if (reread.isEmpty() || !reread.get().statusIds().contains(statusId)) {
                return;
            }
            conversation = reread.get();
        }
    }
}
