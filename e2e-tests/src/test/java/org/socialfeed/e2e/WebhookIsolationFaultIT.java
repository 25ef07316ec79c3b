package org.socialfeed.e2e;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook receiver that accepts connections and never answers does not hold up another user's webhook: every
 * notification of the healthy receiver's owner is delivered, exactly once, while the hanging one still hangs.
 */
class WebhookIsolationFaultIT {

    private static final int FOLLOWERS = 12;

    @Test
    void aHangingReceiverDelaysOnlyItsOwnDeliveries() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hanging = new AtomicInteger();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        HttpServer hang = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        hang.createContext("/", exchange -> {
            hanging.incrementAndGet();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpServer healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        healthy.createContext("/", exchange -> {
            deliveries.incrementAndGet();
            delivered.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hang.setExecutor(threads);
        healthy.setExecutor(threads);
        hang.start();
        healthy.start();
        try {
            Client slowOwner = Client.registerAndLogIn("slow_hook");
            Client fastOwner = Client.registerAndLogIn("fast_hook");
            register(slowOwner, hang);
            register(fastOwner, healthy);
            List<Client> followers = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                Client follower = Client.registerAndLogIn("hook_fan");
                follower.on(ServiceApp.USER).post("/api/v1/accounts/" + slowOwner.id + "/follow").then().statusCode(200);
                follower.on(ServiceApp.USER).post("/api/v1/accounts/" + fastOwner.id + "/follow").then().statusCode(200);
                followers.add(follower);
            }
            // each delivery to the hanging receiver waits for the request timeout; the healthy one gets all of its own
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered).hasSize(FOLLOWERS));
            int hangingWhenDone = hanging.get();
            assertThat(hangingWhenDone).as("deliveries the hanging receiver was holding").isPositive();
            assertThat(deliveries.get()).as("deliveries, each exactly once").isEqualTo(FOLLOWERS);
            new Figures("webhook-hang").put("faultsInjected", "1 (receiver that never answers)")
                    .put("notificationsForHealthyReceiver", FOLLOWERS).put("deliveredExactlyOnce", delivered.size())
                    .put("requestsHeldByHangingReceiver", hangingWhenDone).put("losses", 0).write();
        } finally {
            release.countDown();
            hang.stop(0);
            healthy.stop(0);
            threads.shutdownNow();
        }
    }

    private static void register(Client owner, HttpServer receiver) throws IOException {
        owner.on(ServiceApp.NOTIFICATION).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "types", List.of("follow")))
                .post("/api/v1/webhooks").then().statusCode(200);
    }
}
