package org.socialfeed.benchmark.run;

import org.socialfeed.benchmark.api.Account;
import org.socialfeed.benchmark.load.LatencyRecorder;
import org.socialfeed.benchmark.load.LatencyStats;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The live notification streams of a few accounts (notification-service's Server-Sent Events, Mastodon's
 * {@code user:notification} stream), timing watched posts from their acceptance to the notification about them on
 * the recipient's stream. A watched post's text holds a marker of its own ({@link #marker}); the first event whose
 * data holds it is its arrival, whichever stream it comes on.
 */
final class NotificationStreams implements AutoCloseable {

    static final String KIND = "notification";
    private static final String MARKER_PREFIX = "nprobe";
    private static final Pattern MARKER = Pattern.compile(MARKER_PREFIX + "-\\d+");
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final List<Stream<String>> streams = new ArrayList<>();

    private NotificationStreams(Duration timeout) {
        this.timeout = timeout;
    }

    /** Opens each recipient's stream and returns once every one has answered. */
    static NotificationStreams open(String notificationServiceUrl, List<Account> recipients, Duration timeout)
            throws InterruptedException {
        NotificationStreams opened = new NotificationStreams(timeout);
        CountDownLatch answered = new CountDownLatch(recipients.size());
        for (Account recipient : recipients) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(notificationServiceUrl
                            + "/api/v1/streaming/user/notification"))
                    .header("Authorization", "Bearer " + recipient.token()).GET().build();
            Thread reader = new Thread(() -> opened.read(request, answered), "notification-stream-"
                    + recipient.username());
            reader.setDaemon(true);
            reader.start();
        }
        if (!answered.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            opened.close();
            throw new IllegalStateException("the notification streams did not open within " + OPEN_TIMEOUT);
        }
        return opened;
    }

    static String marker(long sequence) {
        return MARKER_PREFIX + "-" + sequence;
    }

    void watch(String marker, long acceptedNanos) {
        accepted.put(marker, acceptedNanos);
    }

    /** Waits until every watched post has arrived or timed out; then the delivery latencies. */
    LatencyStats await() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!arrived.keySet().containsAll(accepted.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        LatencyRecorder recorder = new LatencyRecorder();
        accepted.forEach((marker, at) -> {
            if (arrivedInTime(marker)) {
                // the event can beat the POST's answer to the client: that is no delay at all
                recorder.success(KIND, Math.max(0, arrived.get(marker) - at));
            }
        });
        return recorder.snapshot(0).getOrDefault(KIND, LatencyStats.none(KIND));
    }

    long missed() {
        return accepted.keySet().stream().filter(marker -> !arrivedInTime(marker)).count();
    }

    private boolean arrivedInTime(String marker) {
        Long arrival = arrived.get(marker);
        return arrival != null && arrival - accepted.get(marker) <= timeout.toNanos();
    }

    private void read(HttpRequest request, CountDownLatch answered) {
        HttpResponse<Stream<String>> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
        }
        synchronized (streams) {
            streams.add(response.body());
        }
        answered.countDown();
        try {
            response.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    Matcher found = MARKER.matcher(line);
                    while (found.find()) {
                        arrived.putIfAbsent(found.group(), System.nanoTime());
                    }
                }
            });
        } catch (UncheckedIOException e) {
            // the stream was closed: the measurement is over
        }
    }

    @Override
    public void close() {
        synchronized (streams) {
            streams.forEach(Stream::close);
        }
    }
}
