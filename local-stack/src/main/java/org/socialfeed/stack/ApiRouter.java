package org.socialfeed.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole API on one port, routed like the Ingress ({@link IngressRoutes}), so an app points at one base URL locally
 * as in production (ADR 11). Vert.x's reverse proxy streams request and response bodies as they come (Server-Sent
 * Events are never buffered) and tunnels WebSocket upgrades.
 */
public final class ApiRouter implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    /** Connections per service: each open stream holds one, so Vert.x's default of 5 would stall the sixth client. */
    private static final int CONNECTIONS_PER_SERVICE = 1000;

    private final Vertx vertx;
    private final HttpServer server;

    private ApiRouter(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code port} (0: any free port) and sends each request to the port of the service its route names;
     * a route to a service not in {@code servicePorts} answers 503, as an Ingress does for a Service without pods.
     */
    public static ApiRouter start(IngressRoutes routes, Map<String, Integer> servicePorts, int port) {
        Vertx vertx = Vertx.vertx();
        try {
            Map<String, HttpProxy> proxies = new HashMap<>();
            servicePorts.forEach((service, servicePort) -> proxies.put(service, proxyTo(vertx, servicePort)));
            // HTTP/1.1 as ingress-nginx speaks it without TLS: a client offering an h2c upgrade (Java's does) stays on 1.1
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(request -> routes.route(request.path()).ifPresentOrElse(
                            route -> forward(request, route.service(), proxies.get(route.service())),
                            () -> answer(request, 404, "Record not found")));
            return new ApiRouter(vertx, await(server.listen(port, HOST)));
        } catch (RuntimeException e) {
            await(vertx.close());
            throw e;
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://" + HOST + ":" + port();
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static HttpProxy proxyTo(Vertx vertx, int servicePort) {
        SocketAddress service = SocketAddress.inetSocketAddress(servicePort, HOST);
        return HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions(),
                        new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_SERVICE)))
                .origin(context -> originRequest(context, service));
    }

    /** With the headers ingress-nginx sets (it ignores the client's own X-Forwarded-*, as this does). */
    private static void forward(HttpServerRequest request, String service, HttpProxy proxy) {
        if (proxy == null) {
            answer(request, 503, service + " is not running");
            return;
        }
        request.headers()
                .set("X-Forwarded-For", request.remoteAddress().hostAddress())
                .set("X-Real-IP", request.remoteAddress().hostAddress())
                .set("X-Forwarded-Proto", request.scheme())
                .set("X-Forwarded-Port", String.valueOf(request.localAddress().port()))
                .remove("X-Forwarded-Host");
        if (request.authority() != null) {
            request.headers().set("X-Forwarded-Host", request.authority().toString());
        }
        proxy.handle(request);
    }

    /**
     * Keeps the client's Host, as ingress-nginx does: the services build absolute URLs (the Link header of a page)
     * from it, so they point at the one base URL, not at a service's own port.
     */
    private static Future<HttpClientRequest> originRequest(ProxyContext context, SocketAddress service) {
        HostAndPort clientHost = context.request().proxiedRequest().authority();
        return context.client().request(new RequestOptions().setServer(service))
                .map(outgoing -> clientHost == null ? outgoing : outgoing.authority(clientHost));
    }

    /** Mastodon's error body, so an app gets JSON rather than an empty page. */
    private static void answer(HttpServerRequest request, int status, String error) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The API router: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The API router did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
