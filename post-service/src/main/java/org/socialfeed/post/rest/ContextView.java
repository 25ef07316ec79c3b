package org.socialfeed.post.rest;

import org.socialfeed.support.mastodon.StatusView;

import java.util.List;

/** Mastodon's Context entity: the posts above and below one post in its thread. */
public record ContextView(List<StatusView> ancestors, List<StatusView> descendants) {
}
