package org.socialfeed.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.inbox.Notification;
import org.socialfeed.notification.inbox.NotificationsStored;
import org.socialfeed.notification.inbox.NotificationViews;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers notifications to webhook endpoints. Each stored notification queues one delivery per matching enabled
 * endpoint of its recipient; a poll sends what is due. Requests are asynchronous with a timeout and a cap of
 * requests in flight per endpoint, so a slow or dead receiver holds only its own deliveries. A failed attempt
 * (no 2xx answer in time) is retried with exponential backoff; too many failures in a row disable the endpoint.
 */
@ApplicationScoped
public class WebhookDispatcher {

    static final String EVENT_TYPE = "notification.created";
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int POLL_BATCH = 200;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private final WebhookRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookUrlGuard guard;
    private final NotificationViews views;
    private final ObjectMapper json;
    private final NotificationConfig.Webhooks config;
    private final HttpClient http;
    /** Quarkus's worker pool: records each answer off the HTTP client's threads. */
    private final ManagedExecutor bookkeeping;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public WebhookDispatcher(WebhookRepository endpoints, DeliveryRepository deliveries, WebhookUrlGuard guard,
                             NotificationViews views, ObjectMapper json, NotificationConfig config,
                             ManagedExecutor bookkeeping) {
        this.bookkeeping = bookkeeping;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.guard = guard;
        this.views = views;
        this.json = json;
        this.config = config.webhooks();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Queues each notification for its recipient's endpoints that existed when it was made. Idempotent. */
    void onStored(@Observes NotificationsStored stored) {
        stored.stored().forEach(this::queue);
    }

    private void queue(NotificationsStored.Stored stored) {
        Notification notification = stored.notification();
        List<WebhookEndpoint> targets = endpoints.byIds(stored.webhookIds()).stream()
                .filter(endpoint -> endpoint.ownerId().equals(notification.recipientId()) && endpoint.enabled() && endpoint.wants(notification.type())
                        && !endpoint.createdAt().isAfter(notification.createdAt()))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        String payload = payload(notification);
        Instant now = Instant.now();
        targets.forEach(endpoint -> deliveries.enqueue(endpoint.id(), notification.id(), payload, now));
    }

    /** Polls on a thread of its own: Quarkus' scheduler does not run jobs more often than once a second. */
    void start(@Observes StartupEvent event) {
        long period = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook dispatch poll failed, will retry: %s", e.getMessage());
        }
    }

    void dispatchDue() {
        Instant now = Instant.now();
        Map<Long, Optional<WebhookEndpoint>> endpointCache = new LinkedHashMap<>();
        for (DeliveryRepository.Delivery due : deliveries.due(now, POLL_BATCH)) {
            AtomicInteger running = inFlight.computeIfAbsent(due.endpointId(), id -> new AtomicInteger());
            if (running.get() >= config.maxInFlightPerEndpoint()) {
                continue; // this endpoint is busy (perhaps slow): its other deliveries wait, nobody else's do
            }
            Optional<WebhookEndpoint> endpoint = endpointCache.computeIfAbsent(due.endpointId(), endpoints::find);
            if (endpoint.isEmpty() || !endpoint.get().enabled()) {
                deliveries.abandon(due.id(), endpoint.isEmpty() ? "endpoint deleted" : "endpoint disabled");
                continue;
            }
            Instant leaseUntil = now.plus(config.requestTimeout()).plus(LEASE_MARGIN);
            Optional<DeliveryRepository.Delivery> claimed = deliveries.claim(due.id(), now, leaseUntil);
            if (claimed.isPresent()) {
                running.incrementAndGet();
                attempt(endpoint.get(), claimed.get(), running);
            }
        }
    }

    private void attempt(WebhookEndpoint endpoint, DeliveryRepository.Delivery delivery, AtomicInteger running) {
        Instant start = Instant.now();
        URI target;
        try {
            target = guard.check(endpoint.url());
        } catch (IllegalArgumentException refused) {
            running.decrementAndGet();
            bookkeeping.execute(() -> failed(endpoint, delivery, start, null, "refused: " + refused.getMessage()));
            return;
        }
        long timestamp = start.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(config.requestTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "socialfeed-notification-service")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(endpoint.secret(), delivery.messageId(), timestamp,
                        delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, failure) -> {
                    running.decrementAndGet();
                    if (failure == null && response.statusCode() / 100 == 2) {
                        deliveries.recordAttempt(delivery.id(), new DeliveryRepository.Attempt(start,
                                response.statusCode(), null, millisSince(start)), DeliveryRepository.DELIVERED, start);
                        endpoints.succeeded(endpoint.id());
                    } else {
                        failed(endpoint, delivery, start, failure == null ? response.statusCode() : null,
                                failure == null ? "HTTP " + response.statusCode() : describe(failure));
                    }
                }, bookkeeping);
    }

    private void failed(WebhookEndpoint endpoint, DeliveryRepository.Delivery delivery, Instant start,
                        Integer statusCode, String error) {
        int attemptsSoFar = delivery.attempts().size() + 1;
        boolean givenUp = attemptsSoFar >= config.maxAttempts();
        Instant next = Instant.now().plus(backoff(attemptsSoFar));
        deliveries.recordAttempt(delivery.id(), new DeliveryRepository.Attempt(start, statusCode, error,
                millisSince(start)), givenUp ? DeliveryRepository.FAILED : DeliveryRepository.PENDING, next);
        if (endpoints.failed(endpoint.id(), config.disableAfterConsecutiveFailures())) {
            LOG.warnf("Webhook endpoint %d of user %s disabled after %d failures in a row", endpoint.id(),
                    endpoint.ownerId(), config.disableAfterConsecutiveFailures());
        }
    }

    /** The wait before attempt n+1: the initial backoff doubled per failed attempt, capped. */
    Duration backoff(int failedAttempts) {
        Duration delay = config.initialBackoff();
        for (int i = 1; i < failedAttempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private String payload(Notification notification) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", EVENT_TYPE);
            body.put("timestamp", notification.createdAt().toString());
            body.put("data", views.render(notification));
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Notification " + notification.id() + " cannot be written as JSON", e);
        }
    }

    private static long millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    void onStop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
    }
}
