package org.socialfeed.notification.marker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mastodon's read markers of the {@code home} and {@code notifications} timelines. */
@Path("/api/v1/markers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "markers")
public class MarkerResource {

    private static final String UPDATE_DESCRIPTION = "Mastodon's POST /api/v1/markers: home[last_read_id] (a status "
            + "id), notifications[last_read_id] (a notification id), or both; answers the markers named. Unlike "
            + "Mastodon's, a marker never moves backwards: an older id leaves it as it is and answers the current "
            + "marker (two devices may mark at once; the higher id wins). An id no status or notification can have "
            + "(not a number, not positive, 2^53 or above, or made later than a minute from now) is refused with "
            + "422 and nothing changes.";

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

    public record MarkersUpdate(@Valid MarkerUpdate home, @Valid MarkerUpdate notifications) {
    }

    @GET
    @Operation(summary = "The caller's read markers",
            description = "Mastodon's GET /api/v1/markers: timeline[] names home, notifications or both; unknown "
                    + "names are ignored, and a timeline never marked is left out. Unlike Mastodon, which then answers "
                    + "{}, no timeline[] answers every marker.")
    public Map<String, MarkerView> get(@QueryParam("timeline[]") List<String> timelines) {
        List<Timeline> wanted = timelines == null || timelines.isEmpty() ? Arrays.asList(Timeline.values())
                : timelines.stream().map(Timeline::fromApiName).flatMap(Optional::stream).distinct().toList();
        Map<String, MarkerView> found = new LinkedHashMap<>();
        wanted.forEach(timeline -> markers.get(caller.getSubject(), timeline)
                .ifPresent(marker -> found.put(timeline.apiName(), MarkerView.of(marker))));
        return found;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Operation(summary = "Move read markers", description = UPDATE_DESCRIPTION)
    public Map<String, MarkerView> update(@NotNull(message = "a body is required") @Valid MarkersUpdate update) {
        return advance(update.home() == null ? null : update.home().lastReadId(),
                update.notifications() == null ? null : update.notifications().lastReadId());
    }

    /** Checks every id first, so a request with one bad id moves no marker. */
    private Map<String, MarkerView> advance(String home, String notifications) {
        Map<Timeline, Long> moves = new EnumMap<>(Timeline.class);
        if (home != null) {
            moves.put(Timeline.HOME, lastReadId(Timeline.HOME, home));
        }
        if (notifications != null) {
            moves.put(Timeline.NOTIFICATIONS, lastReadId(Timeline.NOTIFICATIONS, notifications));
        }
        if (moves.isEmpty()) {
            throw new UnprocessableEntity("home[last_read_id] or notifications[last_read_id] is required");
        }
        Map<String, MarkerView> moved = new LinkedHashMap<>();
        moves.forEach((timeline, id) -> moved.put(timeline.apiName(),
                MarkerView.of(markers.advance(caller.getSubject(), timeline, id))));
        return moved;
    }

    private static long lastReadId(Timeline timeline, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (SnowflakeIds.couldExist(id)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below, like an id out of range
        }
        throw new UnprocessableEntity(timeline.apiName() + "[last_read_id] must be the id of " + timeline.marks());
    }
}
