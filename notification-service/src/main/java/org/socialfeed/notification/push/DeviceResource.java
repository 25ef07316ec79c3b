package org.socialfeed.notification.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The caller's push devices (ours; Mastodon's /api/v1/push/subscription is Web Push only). */
@Path("/api/v1/push/devices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "push")
public class DeviceResource {

    private final DeviceRepository devices;
    private final JsonWebToken caller;
    private final SnowflakeIds ids;

    public DeviceResource(DeviceRepository devices, JsonWebToken caller, SnowflakeIds ids) {
        this.devices = devices;
        this.caller = caller;
        this.ids = ids;
    }

    public record Registration(
            @NotBlank(message = "platform is required")
            @Pattern(regexp = "fcm|apns|webpush", message = "platform must be fcm, apns or webpush") String platform,
            @NotBlank(message = "token is required") @Size(max = 4096) String token) {
    }

    public record DeviceView(String id, String platform, String token, @JsonProperty("created_at") Instant createdAt) {
        static DeviceView of(Device device) {
            return new DeviceView(Long.toString(device.id()), device.platform(), device.token(), device.createdAt());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device for push notifications",
            description = "Not in Mastodon (ours; Mastodon's /api/v1/push/subscription covers Web Push only). Each "
                    + "new notification then yields one record per device on the notifications.push Kafka topic "
                    + "(key: user id, type social.notification.push.v1) for FCM/APNs/Web Push senders. Registering "
                    + "the same token again returns the existing device.")
    public DeviceView register(@NotNull(message = "a JSON body is required") @Valid Registration registration) {
        return DeviceView.of(devices.register(new Device(ids.next(), caller.getSubject(), registration.platform(),
                registration.token().trim(), Instant.now())));
    }

    @GET
    @Operation(summary = "The caller's registered devices")
    public List<DeviceView> list() {
        return devices.ofUser(caller.getSubject()).stream().map(DeviceView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unregister a device")
    public Map<String, Object> delete(@PathParam("id") String id) {
        long deviceId;
        try {
            deviceId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Record not found");
        }
        if (!devices.delete(caller.getSubject(), deviceId)) {
            throw new NotFoundException("Record not found");
        }
        return Map.of();
    }
}
