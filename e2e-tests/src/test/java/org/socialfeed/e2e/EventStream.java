package org.socialfeed.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Server-Sent Events connection as an app keeps it open: the events received so far ({@code event:} name and
 * {@code id:}), read on a thread of its own until {@link #close}.
 */
final class EventStream implements AutoCloseable {

    record Event(String name, String id) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private EventStream(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    /** Connects and waits for the response headers, so events sent from now on are received. */
    static EventStream open(String url, String token) {
        EventStream stream = new EventStream(url, token);
        HttpResponse<Stream<String>> connected = stream.response.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .join();
        if (connected.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + connected.statusCode());
        }
        Thread reader = new Thread(() -> stream.read(connected.body()), "sse " + url);
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private void read(Stream<String> lines) {
        String[] nameAndId = new String[2];
        try {
            lines.forEach(line -> {
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("event:")) {
                    nameAndId[0] = line.substring("event:".length()).trim();
                } else if (line.startsWith("id:")) {
                    nameAndId[1] = line.substring("id:".length()).trim();
                } else if (line.isEmpty() && nameAndId[0] != null) { // a blank line ends an event
                    received.add(new Event(nameAndId[0], nameAndId[1]));
                    nameAndId[0] = null;
                    nameAndId[1] = null;
                }
            });
        } catch (RuntimeException closed) { // the connection ended: close() or the server went away
        }
    }

    /**
     * Waits for the comment feed-service sends once it has registered the stream ({@code : connected}): the response
     * headers come before that, and an entry fanned out in between is not streamed.
     */
    EventStream awaitConnected() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> comments.contains("connected"));
        return this;
    }

    /** The ids of the events named {@code name} received so far, in order. */
    List<String> ids(String name) {
        return received.stream().filter(event -> event.name().equals(name)).map(Event::id).toList();
    }

    @Override
    public void close() {
        response.thenAccept(connected -> connected.body().close());
    }
}
