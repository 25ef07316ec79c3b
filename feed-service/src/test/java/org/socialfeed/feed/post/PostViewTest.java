package org.socialfeed.feed.post;

import org.junit.jupiter.api.Test;
import org.socialfeed.events.Visibility;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PostViewTest {

    @Test
    void aPostReadsBackAsStoredWithoutAParser() {
        PostView post = new PostView("2001", "1001", Visibility.DIRECT, "1002", Set.of("1002", "1003"), null, null,
                "57|{\"id\":\"2001\",\"content\":\"<p>two\\nlines | and \\\"quotes\\\"</p>\"}");

        assertThat(PostView.decode(post.encode())).isEqualTo(post);
    }

    @Test
    void aRepostKeepsItsOriginalAndItsAuthor() {
        PostView repost = new PostView("2003", "1002", Visibility.PUBLIC, null, Set.of(), "2001", "1001", "9|{}");

        PostView read = PostView.decode(repost.encode());

        assertThat(read).isEqualTo(repost);
        assertThat(read.isRepost()).isTrue();
    }

    @Test
    void theAuthorshipOfARepostNamesItsOriginalAndItsAuthor() {
        PostView repost = new PostView("9007199254740991", "9007199254740990", Visibility.UNLISTED, null, Set.of(),
                "9007199254740989", "9007199254740988", "9|{}");

        PostView.Authorship authorship = PostView.Authorship.decode(repost.authorship().encode());

        assertThat(authorship).isEqualTo(new PostView.Authorship("9007199254740991", "9007199254740990",
                "9007199254740989", "9007199254740988"));
        assertThat(authorship.shownId()).isEqualTo("9007199254740989");
    }

    @Test
    void theAuthorshipOfAPostIsItsOwn() {
        PostView post = new PostView("2001", "1001", Visibility.PUBLIC, "1002", Set.of("1002", "1003"), null, null,
                "9|{}");

        PostView.Authorship authorship = PostView.Authorship.decode(post.authorship().encode());

        assertThat(authorship).isEqualTo(new PostView.Authorship("2001", "1001", null, null));
        assertThat(authorship.isRepost()).isFalse();
        assertThat(authorship.shownId()).isEqualTo("2001");
        assertThat(PostView.Authorship.decode(null)).isNull(); // no value: the post is gone
    }
}
