package org.socialfeed.feed.stream;

/**
 * One event of Mastodon's streaming API: its name ({@code update}, {@code delete}, {@code status.update},
 * {@code notification}), its payload as Mastodon sends it (JSON text, or a bare status id for {@code delete}) and, for
 * timeline positions only, the id a Server-Sent Events client resumes from ({@code Last-Event-ID}); null otherwise.
 */
record StreamEvent(String name, String id, String payload) {

    static final String NOTIFICATION = "notification";
}
