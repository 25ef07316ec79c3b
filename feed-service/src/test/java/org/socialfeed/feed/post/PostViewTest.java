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
    void theAuthorshipOfARepostIsInItsFirstCharacters() {
        String repost = new PostView("9007199254740991", "9007199254740990", Visibility.UNLISTED, null, Set.of(),
                "9007199254740989", "9007199254740988", "9|" + "{}".repeat(200)).encode();

        assertThat(PostView.Authorship.of(repost.substring(0, PostView.AUTHORSHIP_PREFIX)))
                .isEqualTo(new PostView.Authorship("9007199254740991", "9007199254740990", "9007199254740989",
                        "9007199254740988"));
    }

    @Test
    void aPostWhoseMentionsRunPastThePrefixIsNoRepost() {
        String post = new PostView("2001", "1001", Visibility.PUBLIC, null,
                Set.of("1000000000000001", "1000000000000002", "1000000000000003", "1000000000000004",
                        "1000000000000005", "1000000000000006", "1000000000000007"), null, null, "9|{}").encode();

        PostView.Authorship authorship = PostView.Authorship.of(post.substring(0, PostView.AUTHORSHIP_PREFIX));

        assertThat(authorship).isEqualTo(new PostView.Authorship("2001", "1001", null, null));
        assertThat(authorship.shownId()).isEqualTo("2001");
        assertThat(PostView.Authorship.of("")).isNull(); // GETRANGE of a missing key: the post is gone
    }
}
