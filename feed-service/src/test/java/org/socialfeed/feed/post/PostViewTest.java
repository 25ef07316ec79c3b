package org.socialfeed.feed.post;

import org.junit.jupiter.api.Test;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.mastodon.StatusTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PostViewTest {

    private static final StatusTemplate.Utf8 TEMPLATE = StatusTemplate.Utf8.of("1|{}");

    /** As a home read decodes it: from the bytes Redis holds for the String stored. */
    private static PostView decode(PostView view) {
        return PostView.decode(view.encode().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostReadsBackAsStoredWithoutAParser() {
        PostView post = new PostView("2001", "1001", Visibility.DIRECT, "1002", Set.of("1002", "1003"), null, null,
                StatusTemplate.Utf8.of("26|{\"id\":\"2001\",\"content\":\"<p>zwei\\nZeilen | und \\\"Grüße\\\"</p>\"}"));

        assertThat(decode(post)).isEqualTo(post);
    }

    @Test
    void aRepostKeepsItsOriginalAndItsAuthor() {
        PostView repost = new PostView("2003", "1002", Visibility.PUBLIC, null, Set.of(), "2001", "1001", TEMPLATE);

        PostView read = decode(repost);

        assertThat(read).isEqualTo(repost);
        assertThat(read.isRepost()).isTrue();
    }

    @Test
    void theAuthorshipOfARepostNamesItsOriginalAndItsAuthor() {
        PostView repost = new PostView("9007199254740991", "9007199254740990", Visibility.UNLISTED, null, Set.of(),
                "9007199254740989", "9007199254740988", TEMPLATE);

        PostView.Authorship authorship = PostView.Authorship.decode(repost.authorship().encode());

        assertThat(authorship).isEqualTo(new PostView.Authorship("9007199254740991", "9007199254740990",
                "9007199254740989", "9007199254740988"));
        assertThat(authorship.shownId()).isEqualTo("9007199254740989");
    }

    @Test
    void theAuthorshipOfAPostIsItsOwn() {
        PostView post = new PostView("2001", "1001", Visibility.PUBLIC, "1002", Set.of("1002", "1003"), null, null,
                TEMPLATE);

        PostView.Authorship authorship = PostView.Authorship.decode(post.authorship().encode());

        assertThat(authorship).isEqualTo(new PostView.Authorship("2001", "1001", null, null));
        assertThat(authorship.isRepost()).isFalse();
        assertThat(authorship.shownId()).isEqualTo("2001");
        assertThat(PostView.Authorship.decode(null)).isNull(); // no value: the post is gone
    }
}
