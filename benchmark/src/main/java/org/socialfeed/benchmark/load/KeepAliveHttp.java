package org.socialfeed.benchmark.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.socialfeed.benchmark.api.SocialApi;

import java.net.URI;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * The harness's load generator for reads, posting, saturation and ceilings: a Vert.x HTTP/1.1 client holding
 * {@code connections} persistent connections on one event loop, one request in flight per connection, driven either
 * by {@link ClosedLoop} ({@link #saturate}) or by {@link OpenLoopRunner} at a fixed arrival rate ({@link #offer}).
 * The JDK client the other open-loop phases use tops out near 1,000 GETs/s on a trivial endpoint, so it measured
 * itself, not the service; this one reads each body through without keeping or parsing it.
 */
public final class KeepAliveHttp implements AutoCloseable {

    public static final String GENERATOR = "harness Vert.x client (HTTP/1.1 keep-alive, closed loop)";
    public static final String OPEN_LOOP_GENERATOR = "harness Vert.x client (HTTP/1.1 keep-alive, open loop)";
    /**
     * One event loop: on 2 cores the server and Redis need the cores more than the generator needs a second thread
     * (against the reference reader on a busy 2-core machine: 0.80-0.88 of wrk's reads/s with one, 0.52-0.56 with two).
     */
    private static final int EVENT_LOOPS = 1;
    private static final long REQUEST_TIMEOUT_MS = 10_000;
    /** How long an open-loop run waits for its last answers before counting them as errors. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final HttpClient client;
    private final int connections;

    public KeepAliveHttp(int connections) {
        this.connections = connections;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    public int connections() {
        return connections;
    }

    /**
     * GET {@code url} (loopback only, as {@link SocialApi}), with the bearer token {@code token.apply(sequence)} when
     * it is not null; 2xx is success.
     */
    public Operation get(String name, String url, LongFunction<String> token) {
        URI target = URI.create(SocialApi.loopback(url));
        String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return get(name, target.getScheme() + "://" + target.getRawAuthority(), sequence -> pathAndQuery, token);
    }

    /**
     * GET {@code origin + pathAndQuery.apply(sequence)} (loopback only), for requests whose path changes with the
     * request, such as another account's statuses each time; otherwise as {@link #get(String, String, LongFunction)}.
     */
    public Operation get(String name, String origin, LongFunction<String> pathAndQuery, LongFunction<String> token) {
        return request(name, HttpMethod.GET, origin, pathAndQuery, token, null);
    }

    /** POST of the JSON {@code body.apply(sequence)} to {@code url} (loopback only), with a bearer token; 2xx: ok. */
    public Operation postJson(String name, String url, LongFunction<String> body, LongFunction<String> token) {
        URI target = URI.create(SocialApi.loopback(url));
        return request(name, HttpMethod.POST, target.getScheme() + "://" + target.getRawAuthority(),
                sequence -> target.getRawPath(), token, body);
    }

    private Operation request(String name, HttpMethod method, String origin, LongFunction<String> pathAndQuery,
                              LongFunction<String> token, LongFunction<String> jsonBody) {
        URI server = URI.create(SocialApi.loopback(origin));
        return Operation.of(name, sequence -> {
            RequestOptions request = new RequestOptions().setMethod(method).setHost(server.getHost())
                    .setPort(server.getPort()).setURI(pathAndQuery.apply(sequence)).setIdleTimeout(REQUEST_TIMEOUT_MS);
            String bearer = token.apply(sequence);
            if (bearer != null) {
                request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
            }
            if (jsonBody != null) {
                request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            }
            Future<Boolean> answered = client.request(request)
                    .compose(sent -> jsonBody == null ? sent.send() : sent.send(jsonBody.apply(sequence)))
                    .compose(response -> response.end().map(ended -> { // reads the body through, keeps none of it
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + " from "
                                    + request.getURI());
                        }
                        return true;
                    }));
            return answered.toCompletionStage().toCompletableFuture();
        });
    }

    /** As many requests as one per connection in flight gets answered, for {@code duration}. */
    public ClosedLoop.Result saturate(Operation operation, Duration duration, Progress progress)
            throws InterruptedException {
        return saturate(sequence -> operation, duration, progress);
    }

    /** As {@link #saturate(Operation, Duration, Progress)}, request {@code sequence} being {@code pick}'s. */
    public ClosedLoop.Result saturate(LongFunction<Operation> pick, Duration duration, Progress progress)
            throws InterruptedException {
        return ClosedLoop.run(connections, Long.MAX_VALUE, duration, pick, progress);
    }

    /**
     * {@code ratePerSecond} requests per second for {@code duration} whatever the answers (open loop, no coordinated
     * omission: each latency runs from the request's intended start). At most one request is in flight per connection,
     * so a request due while every connection is busy waits, and that wait is charged to it; the result's
     * {@code issued} against {@code scheduled} says whether the generator sent everything it was meant to.
     */
    public OpenLoopRunner.Result offer(Operation operation, double ratePerSecond, Duration duration, Progress progress)
            throws InterruptedException {
        return offer(sequence -> operation, ratePerSecond, duration, progress);
    }

    /** As {@link #offer(Operation, double, Duration, Progress)}, request {@code sequence} being {@code pick}'s. */
    public OpenLoopRunner.Result offer(LongFunction<Operation> pick, double ratePerSecond, Duration duration,
                                       Progress progress) throws InterruptedException {
        long requests = (long) Math.ceil(ratePerSecond * duration.toNanos() / 1e9);
        return new OpenLoopRunner(NanoClock.SYSTEM, connections, DRAIN_TIMEOUT)
                .run(ratePerSecond, duration, requests, pick, progress);
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
