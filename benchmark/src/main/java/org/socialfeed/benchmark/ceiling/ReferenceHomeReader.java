package org.socialfeed.benchmark.ceiling;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.socialfeed.stack.Ports;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The physical limit of a home-timeline page on this machine, measured beside the service in the same run: the
 * least a server must do to answer {@code GET /api/v1/timelines/home?limit=20} from Redis, on the event loop and
 * Redis client Quarkus runs on. A token looked up in a map; {@code ZREVRANGE} for the page's ids; then one pipelined
 * round trip: {@code MGET} of the pre-rendered Statuses, {@code MGET} of their counts, {@code SMISMEMBER} in the
 * viewer's liked and reposted sets; counts and flags spliced into the JSON bytes without parsing them. Serves the
 * {@link ReferenceTimeline}; one instance per core, each with its own Redis client, like Quarkus's event loops.
 */
public final class ReferenceHomeReader implements AutoCloseable {

    public static final String PATH = "/api/v1/timelines/home";
    public static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;
    private static final Buffer EMPTY_PAGE = Buffer.buffer("[]");

    private final Vertx vertx;
    private final int port;

    private ReferenceHomeReader(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    /** Serves the {@link ReferenceTimeline} in {@code redisUri} on a free loopback port, one event loop per core. */
    public static ReferenceHomeReader start(String redisUri) {
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        int port = Ports.free();
        Map<String, String> viewers = ReferenceTimeline.VIEWERS.stream()
                .collect(Collectors.toMap(ReferenceTimeline.Viewer::token, ReferenceTimeline.Viewer::token));
        URI redis = URI.create(redisUri);
        String database = "redis://" + redis.getHost() + ":" + redis.getPort() + "/" + ReferenceTimeline.DATABASE;
        try {
            vertx.deployVerticle(() -> new Reader(database, port, viewers), new DeploymentOptions()
                    .setInstances(eventLoops)).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        return new ReferenceHomeReader(vertx, port);
    }

    public String url() {
        return "http://127.0.0.1:" + port + PATH + "?limit=" + DEFAULT_LIMIT;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static final class Reader extends AbstractVerticle {
        private static final String BEARER = "Bearer ";
        private static final byte[] FAVOURITED = ",\"favourited\":true".getBytes();
        private static final byte[] NOT_FAVOURITED = ",\"favourited\":false".getBytes();
        private static final byte[] REBLOGGED = ",\"reblogged\":true}".getBytes();
        private static final byte[] NOT_REBLOGGED = ",\"reblogged\":false}".getBytes();
        private static final int PAGE_CAPACITY = 32 * 1024;

        private final String redisUri;
        private final int port;
        /** Token to viewer: the reference's stand-in for a token check, a map lookup. */
        private final Map<String, String> viewers;
        private Redis redis;

        Reader(String redisUri, int port, Map<String, String> viewers) {
            this.redisUri = redisUri;
            this.port = port;
            this.viewers = viewers;
        }

        @Override
        public void start(Promise<Void> started) {
            redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(8)
                    .setMaxPoolWaiting(4096));
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(this::handle).listen().<Void>mapEmpty().onComplete(started);
        }

        private void handle(HttpServerRequest request) {
            if (!PATH.equals(request.path())) {
                request.response().setStatusCode(404).end();
                return;
            }
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            String viewer = authorization != null && authorization.startsWith(BEARER)
                    ? viewers.get(authorization.substring(BEARER.length())) : null;
            if (viewer == null) {
                request.response().setStatusCode(401).end();
                return;
            }
            int limit = limit(request.getParam("limit"));
            redis.send(Request.cmd(Command.ZREVRANGE).arg(ReferenceTimeline.timelineKey(viewer)).arg(0)
                            .arg(limit - 1))
                    .compose(ids -> ids.size() == 0 ? Future.succeededFuture(EMPTY_PAGE) : page(viewer, ids)
                            .map(page -> {
                                request.response().putHeader("Link", link(request, ids));
                                return page;
                            }))
                    .onSuccess(page -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(page))
                    .onFailure(failure -> request.response().setStatusCode(500).end());
        }

        private Future<Buffer> page(String viewer, Response ids) {
            Request statuses = Request.cmd(Command.MGET);
            Request counts = Request.cmd(Command.MGET);
            Request liked = Request.cmd(Command.SMISMEMBER).arg(ReferenceTimeline.likedKey(viewer));
            Request reposted = Request.cmd(Command.SMISMEMBER).arg(ReferenceTimeline.repostedKey(viewer));
            for (Response id : ids) {
                String postId = id.toString();
                statuses.arg(ReferenceTimeline.statusKey(postId));
                counts.arg(ReferenceTimeline.countsKey(postId));
                liked.arg(postId);
                reposted.arg(postId);
            }
            return redis.batch(List.of(statuses, counts, liked, reposted)).map(answers -> splice(answers.get(0),
                    answers.get(1), answers.get(2), answers.get(3)));
        }

        /** Each Status without its closing brace, then its counts and the viewer's flags, then the brace. */
        static Buffer splice(Response statuses, Response counts, Response liked, Response reposted) {
            Buffer page = Buffer.buffer(PAGE_CAPACITY).appendByte((byte) '[');
            boolean first = true;
            for (int i = 0; i < statuses.size(); i++) {
                Response status = statuses.get(i);
                if (status == null) {
                    continue; // deleted since it entered the timeline
                }
                Buffer json = status.toBuffer();
                if (!first) {
                    page.appendByte((byte) ',');
                }
                first = false;
                page.appendBuffer(json, 0, json.length() - 1).appendByte((byte) ',');
                Response count = counts.get(i);
                page.appendBuffer(count == null ? Buffer.buffer(ReferenceTimeline.counts(0)) : count.toBuffer())
                        .appendBytes(liked.get(i).toInteger() == 1 ? FAVOURITED : NOT_FAVOURITED)
                        .appendBytes(reposted.get(i).toInteger() == 1 ? REBLOGGED : NOT_REBLOGGED);
            }
            return page.appendByte((byte) ']');
        }

        /** As the service's: {@code next} to older posts (max_id = last id), {@code prev} to newer (min_id). */
        private static String link(HttpServerRequest request, Response ids) {
            String base = "http://" + request.authority() + PATH + "?limit=" + ids.size();
            return "<" + base + "&max_id=" + ids.get(ids.size() - 1) + ">; rel=\"next\", <" + base + "&min_id="
                    + ids.get(0) + ">; rel=\"prev\"";
        }

        private static int limit(String parameter) {
            try {
                return parameter == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(parameter)));
            } catch (NumberFormatException e) {
                return DEFAULT_LIMIT;
            }
        }
    }
}
