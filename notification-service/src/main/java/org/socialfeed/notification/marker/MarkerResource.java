package org.socialfeed.notification.marker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Mastodon's read markers, for the {@code notifications} timeline (the home marker is not kept here). */
@Path("/api/v1/markers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "markers")
public class MarkerResource {

    private static final String NOTIFICATIONS = "notifications";

    private final MarkerRepository markers;
    private final JsonWebToken caller;

    public MarkerResource(MarkerRepository markers, JsonWebToken caller) {
        this.markers = markers;
        this.caller = caller;
    }

    /** Mastodon's Marker entity. */
    public record MarkerView(@JsonProperty("last_read_id") String lastReadId, long version,
                             @JsonProperty("updated_at") Instant updatedAt) {
        static MarkerView of(MarkerRepository.Marker marker) {
            return new MarkerView(Long.toString(marker.lastReadId()), marker.version(), marker.updatedAt());
        }
    }

    public record MarkerUpdate(@JsonProperty("last_read_id") @NotBlank(message = "last_read_id is required")
                               String lastReadId) {
    }

    public record MarkersUpdate(@Valid @NotNull(message = "notifications[last_read_id] is required")
                                MarkerUpdate notifications) {
    }

    @GET
    @Operation(summary = "The caller's read markers",
            description = "Mastodon's GET /api/v1/markers. Only the notifications timeline is kept by this service.")
    public Map<String, MarkerView> get(@QueryParam("timeline[]") List<String> timelines) {
        if (timelines != null && !timelines.isEmpty() && !timelines.contains(NOTIFICATIONS)) {
            return Map.of();
        }
        return markers.get(caller.getSubject()).map(marker -> Map.of(NOTIFICATIONS, MarkerView.of(marker)))
                .orElse(Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the notifications read marker",
            description = "Mastodon's POST /api/v1/markers with notifications[last_read_id]. The marker never moves "
                    + "backwards: an older id leaves it as it is and answers the current marker (two devices may "
                    + "mark at once; the higher id wins). Other timelines in the body are ignored.")
    public Map<String, MarkerView> update(@NotNull(message = "a JSON body is required") @Valid MarkersUpdate update) {
        return advance(update.notifications().lastReadId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Move the notifications read marker (form parameters)")
    public Map<String, MarkerView> updateForm(@FormParam("notifications[last_read_id]") String lastReadId) {
        if (lastReadId == null || lastReadId.isBlank()) {
            throw new UnprocessableEntity("notifications[last_read_id] is required");
        }
        return advance(lastReadId);
    }

    private Map<String, MarkerView> advance(String lastReadId) {
        long id;
        try {
            id = Long.parseLong(lastReadId.trim());
        } catch (NumberFormatException e) {
            throw new UnprocessableEntity("last_read_id must be a notification id");
        }
        if (id <= 0) {
            throw new UnprocessableEntity("last_read_id must be a notification id");
        }
        return Map.of(NOTIFICATIONS, MarkerView.of(markers.advance(caller.getSubject(), id)));
    }
}
