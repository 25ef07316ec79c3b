package org.socialfeed.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP webhook receiver on localhost. It verifies each request's Standard Webhooks signature with the
 * secret it is given, as the specification tells a receiver to and without the service's own signer, answers 500
 * to the first {@code failuresBeforeSuccess} requests, and can hang until released.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body, boolean signatureValid, int answer) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final CountDownLatch release;
    private volatile String secret;

    private WebhookReceiver(int failuresBeforeSuccess, boolean hang) throws IOException {
        this.failuresLeft = new AtomicInteger(failuresBeforeSuccess);
        this.release = new CountDownLatch(hang ? 1 : 0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    static WebhookReceiver healthy() throws IOException {
        return new WebhookReceiver(0, false);
    }

    static WebhookReceiver failingFirst(int failures) throws IOException {
        return new WebhookReceiver(failures, false);
    }

    static WebhookReceiver hanging() throws IOException {
        return new WebhookReceiver(0, true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void trust(String secret) {
        this.secret = secret;
    }

    List<Received> received() {
        return received;
    }

    /** Lets hanging requests answer. */
    void release() {
        release.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = secret != null && id != null && timestamp != null && signature != null
                && verify(id + "." + timestamp + "." + body, signature);
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int answer = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
        received.add(new Received(id, timestamp, signature, body, valid, answer));
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    /**
     * Standard Webhooks verification: the key is the base64 after {@code whsec_}, the header lists space-separated
     * {@code v1,<base64 HMAC-SHA256>} signatures, and one of them must equal the HMAC of the signed content.
     */
    private boolean verify(String signedContent, String signatureHeader) {
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = hmac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.stream(signatureHeader.split(" ")).filter(candidate -> candidate.startsWith("v1,"))
                .anyMatch(candidate -> MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring("v1,".length()))));
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
