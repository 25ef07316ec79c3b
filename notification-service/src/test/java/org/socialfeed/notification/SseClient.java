package org.socialfeed.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client over the JDK HTTP client: it parses events and comments as they arrive. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;
    private volatile int status;

    /** With a null {@code token}, the URI carries one (as {@code access_token}, as a browser's EventSource does). */
    SseClient(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            lines = answer.body();
            parse(lines);
        });
    }

    private void parse(Stream<String> body) {
        List<String> block = new ArrayList<>();
        try {
            body.forEach(line -> {
                if (line.isEmpty()) {
                    dispatch(block);
                    block.clear();
                } else {
                    block.add(line);
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the connection
        }
    }

    private void dispatch(List<String> block) {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : block) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).trim());
            }
        }
        if (!data.isEmpty()) {
            events.add(new Event(id, name, data.toString()));
        }
    }

    List<Event> events() {
        return events;
    }

    List<String> comments() {
        return comments;
    }

    int status() {
        return status;
    }

    @Override
    public void close() {
        response.cancel(true);
        if (lines != null) {
            lines.close();
        }
    }
}
