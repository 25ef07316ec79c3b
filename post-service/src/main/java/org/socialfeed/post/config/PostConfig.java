package org.socialfeed.post.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** post-service settings ({@code social.posts.*}). */
@ConfigMapping(prefix = "social.posts")
public interface PostConfig {

    /** The longest post text, counted in Unicode code points (what a reader sees as characters), like Mastodon. */
    @WithDefault("500")
    int maxCharacters();

    /** How many media attachments one post may carry (Mastodon: 4). */
    @WithDefault("4")
    int maxMediaAttachments();

    /** How many replies deep, and how many posts in all, a thread context reads at most. */
    @WithDefault("200")
    int maxThreadSize();
}
