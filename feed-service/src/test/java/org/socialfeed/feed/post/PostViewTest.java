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
}
