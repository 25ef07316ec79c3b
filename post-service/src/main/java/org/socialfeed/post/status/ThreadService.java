package org.socialfeed.post.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.post.config.PostConfig;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A post's thread: the posts above it (the chain of posts it replies to) and below it (replies, replies to
 * replies...), leaving out what the viewer may not see. Both directions stop at {@code social.posts.max-thread-size}.
 */
@ApplicationScoped
public class ThreadService {

    /** Ancestors root first; one page of descendants in the order they were written, and whether more follow. */
    public record Thread(List<Post> ancestors, List<Post> descendants, boolean moreDescendants) {

        Thread trimmed(int limit) {
            return descendants.size() <= limit ? this
                    : new Thread(ancestors, descendants.subList(0, limit), true);
        }
    }

    private final PostRepository posts;
    private final Audience audience;
    private final PostConfig config;

    public ThreadService(PostRepository posts, Audience audience, PostConfig config) {
        this.posts = posts;
        this.audience = audience;
        this.config = config;
    }

    /**
     * @param page descendants newer than {@code min_id}/{@code since_id} and older than {@code max_id}, oldest first,
     *             at most {@code limit}
     */
    public Thread of(String id, Long viewerId, PageRequest page) {
        Audience.Sight sight = audience.of(viewerId);
        Post post = sight.visiblePost(id);
        return new Thread(ancestors(post, sight), descendants(post, sight, page, page.limit() + 1), false)
                .trimmed(page.limit());
    }

    private List<Post> ancestors(Post post, Audience.Sight sight) {
        List<Post> ancestors = new ArrayList<>();
        Long parentId = post.inReplyToId();
        while (parentId != null && ancestors.size() < config.maxThreadSize()) {
            Optional<Post> parent = posts.findById(parentId).filter(sight::canSee);
            if (parent.isEmpty()) {
                break; // a deleted or hidden post cuts the chain, as in Mastodon
            }
            ancestors.add(parent.get());
            parentId = parent.get().inReplyToId();
        }
        Collections.reverse(ancestors);
        return ancestors;
    }

    private List<Post> descendants(Post post, Audience.Sight sight, PageRequest page, int wanted) {
        List<Post> all = new ArrayList<>();
        List<Long> level = List.of(post.id());
        while (!level.isEmpty() && all.size() < config.maxThreadSize()) {
            // a hidden reply hides its own replies too: only visible posts carry the walk down
            List<Post> replies = posts.repliesTo(level, config.maxThreadSize() - all.size()).stream()
                    .filter(sight::canSee).toList();
            all.addAll(replies);
            level = replies.stream().map(Post::id).toList();
        }
        return all.stream()
                .filter(reply -> reply.id() > page.lowerBound() && reply.id() < page.upperBound())
                .sorted(Comparator.comparingLong(Post::id))
                .limit(wanted)
                .toList();
    }
}
