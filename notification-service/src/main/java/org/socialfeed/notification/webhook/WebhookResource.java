package org.socialfeed.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.notification.inbox.NotificationType;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Webhook endpoints of the caller (not in Mastodon: ours). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "webhooks")
public class WebhookResource {

    private static final int MAX_URL_LENGTH = 2048;
    private static final int DEFAULT_LOG_LIMIT = 20;
    private static final int MAX_LOG_LIMIT = 100;

    private final WebhookRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookUrlGuard guard;
    private final NotificationConfig config;
    private final JsonWebToken caller;
    private final SnowflakeIds ids;

    public WebhookResource(WebhookRepository endpoints, DeliveryRepository deliveries, WebhookUrlGuard guard,
                           NotificationConfig config, JsonWebToken caller, SnowflakeIds ids) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.guard = guard;
        this.config = config;
        this.caller = caller;
        this.ids = ids;
    }

    public record Registration(@NotBlank(message = "url is required") @Size(max = MAX_URL_LENGTH) String url,
                               @Size(max = 16) List<String> types) {
    }

    /** An endpoint as its owner sees it; {@code secret} only in the answer to the registration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointView(String id, String url, List<String> types, boolean enabled,
                               @JsonProperty("disabled_reason") String disabledReason,
                               @JsonProperty("consecutive_failures") int consecutiveFailures,
                               @JsonProperty("created_at") Instant createdAt, String secret) {
        static EndpointView of(WebhookEndpoint endpoint, boolean withSecret) {
            return new EndpointView(Long.toString(endpoint.id()), endpoint.url(),
                    endpoint.types().stream().map(NotificationType::apiName).toList(), endpoint.enabled(),
                    endpoint.disabledReason(), endpoint.consecutiveFailures(), endpoint.createdAt(),
                    withSecret ? endpoint.secret() : null);
        }
    }

    public record AttemptView(Instant at, @JsonProperty("status_code") Integer statusCode, String error,
                              @JsonProperty("duration_ms") long durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(@JsonProperty("webhook_id") String webhookId,
                               @JsonProperty("notification_id") String notificationId, String status, String error,
                               @JsonProperty("created_at") Instant createdAt,
                               @JsonProperty("next_attempt_at") Instant nextAttemptAt,
                               List<AttemptView> attempts) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook endpoint",
            description = "Not in Mastodon (ours). Notifications of the given types (all if none) are POSTed to url "
                    + "as {type: notification.created, timestamp, data: Notification}, signed per the Standard "
                    + "Webhooks spec (webhook-id, webhook-timestamp, webhook-signature: v1,<HMAC-SHA256>). The "
                    + "answer holds the signing secret; it is never shown again. URLs on private networks or this "
                    + "service's own infrastructure are refused (422).")
    public EndpointView register(@NotNull(message = "a JSON body is required") @jakarta.validation.Valid
                                 Registration registration) {
        String owner = caller.getSubject();
        try {
            guard.check(registration.url());
        } catch (IllegalArgumentException refused) {
            throw new UnprocessableEntity(refused.getMessage());
        }
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        if (registration.types() != null) {
            registration.types().forEach(name -> types.add(NotificationType.fromApiName(name)
                    .orElseThrow(() -> new UnprocessableEntity("Unknown notification type '" + name + "'"))));
        }
        if (endpoints.countOfOwner(owner) >= config.webhooks().maxEndpointsPerUser()) {
            throw new UnprocessableEntity("At most " + config.webhooks().maxEndpointsPerUser()
                    + " webhook endpoints per account");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint(ids.next(), owner, registration.url().trim(),
                WebhookSigner.newSecret(), types, true, null, 0, Instant.now());
        endpoints.insert(endpoint);
        return EndpointView.of(endpoint, true);
    }

    @GET
    @Operation(summary = "The caller's webhook endpoints (without secrets)")
    public List<EndpointView> list() {
        return endpoints.ofOwner(caller.getSubject()).stream().map(endpoint -> EndpointView.of(endpoint, false))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's webhook endpoints (without its secret)")
    public EndpointView get(@PathParam("id") String id) {
        return EndpointView.of(own(id), false);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a webhook endpoint and its delivery log")
    public Map<String, Object> delete(@PathParam("id") String id) {
        WebhookEndpoint endpoint = own(id);
        endpoints.delete(caller.getSubject(), endpoint.id());
        deliveries.deleteOfEndpoint(endpoint.id());
        return Map.of();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first",
            description = "Not in Mastodon (ours): each delivery with its status (pending, delivered, failed, "
                    + "abandoned) and every attempt's HTTP status or error. limit: default 20, max 100.")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        WebhookEndpoint endpoint = own(id);
        int size = limit == null ? DEFAULT_LOG_LIMIT : Math.max(1, Math.min(limit, MAX_LOG_LIMIT));
        return deliveries.ofEndpoint(endpoint.id(), size).stream().map(delivery -> new DeliveryView(
                delivery.messageId(), Long.toString(delivery.notificationId()), delivery.status(), delivery.error(),
                delivery.createdAt(), DeliveryRepository.PENDING.equals(delivery.status())
                ? delivery.nextAttemptAt() : null,
                delivery.attempts().stream().map(a -> new AttemptView(a.at(), a.statusCode(), a.error(),
                        a.durationMs())).toList())).toList();
    }

    /** The caller's endpoint; someone else's is as unknown as a missing one. */
    private WebhookEndpoint own(String id) {
        try {
            return endpoints.find(Long.parseLong(id)).filter(e -> e.ownerId().equals(caller.getSubject()))
                    .orElseThrow(() -> new NotFoundException("Record not found"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("Record not found");
        }
    }
}
