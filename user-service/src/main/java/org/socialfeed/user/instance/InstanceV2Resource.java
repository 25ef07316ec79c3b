package org.socialfeed.user.instance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;

/** Mastodon's v2 instance description (the masto client reads the streaming URL here): anonymous, cacheable. */
@Path("/api/v2/instance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "instance")
public class InstanceV2Resource {

    private final InstanceDescription description;

    public InstanceV2Resource(InstanceDescription description) {
        this.description = description;
    }

    @GET
    @Cache(maxAge = 60)
    @Operation(summary = "This server, as Mastodon's v2 Instance",
            description = "Mastodon's GET /api/v2/instance, no token needed. Differences: version is \"4.3.0 "
                    + "(compatible; socialfeed <version>)\", so clients use the Mastodon 4.3 API they know; no "
                    + "thumbnail, icon, usage (activity is not tracked), source_url, api_versions or "
                    + "configuration.vapid (push goes through /api/v1/push/devices); configuration has no polls "
                    + "(there are none), no media_attachments (media are URLs, not uploads) and no "
                    + "statuses.characters_reserved_per_url (a URL counts with all its characters); "
                    + "accounts.max_featured_tags and max_pinned_statuses are 0 (neither exists); translation is "
                    + "disabled; registrations are open without approval. configuration.urls.streaming is "
                    + "social.instance.streaming-url.")
    public InstanceViews.InstanceV2 get() {
        return description.v2();
    }
}
