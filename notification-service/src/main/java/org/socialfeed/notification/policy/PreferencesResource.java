package org.socialfeed.notification.policy;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.notification.inbox.NotificationType;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The caller's per-type notification preferences (ours: Mastodon has only per-type push alerts). */
@Path("/api/v1/notifications/preferences")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "notification settings")
public class PreferencesResource {

    private final UserSettingsRepository settings;
    private final JsonWebToken caller;

    public PreferencesResource(UserSettingsRepository settings, JsonWebToken caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Which notification types the caller receives",
            description = "Not in Mastodon (ours): a map of every notification type to true (on) or false (off).")
    public Map<String, Boolean> preferences() {
        return preferencesView(settings.get(caller.getSubject()).disabledTypes());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn notification types on or off",
            description = "Not in Mastodon (ours): a map of type to true/false; types left out are on. A type that "
                    + "is off creates no notification at all (nothing stored, nothing pushed).")
    public Map<String, Boolean> updatePreferences(@NotNull(message = "a JSON body is required")
                                                  Map<String, Boolean> preferences) {
        Set<NotificationType> disabled = EnumSet.noneOf(NotificationType.class);
        for (Map.Entry<String, Boolean> entry : preferences.entrySet()) {
            NotificationType type = NotificationType.fromApiName(entry.getKey()).orElseThrow(() ->
                    new UnprocessableEntity("Unknown notification type '" + entry.getKey() + "'"));
            if (entry.getValue() == null) {
                throw new UnprocessableEntity("Preference '" + entry.getKey() + "' must be true or false");
            }
            if (!entry.getValue()) {
                disabled.add(type);
            }
        }
        settings.saveDisabledTypes(caller.getSubject(), disabled);
        return preferencesView(disabled);
    }

    private static Map<String, Boolean> preferencesView(Set<NotificationType> disabled) {
        Map<String, Boolean> view = new LinkedHashMap<>();
        for (NotificationType type : NotificationType.values()) {
            view.put(type.apiName(), !disabled.contains(type));
        }
        return view;
    }
}
