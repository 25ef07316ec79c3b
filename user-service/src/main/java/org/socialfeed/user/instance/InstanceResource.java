package org.socialfeed.user.instance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;
import org.socialfeed.user.instance.InstanceViews.Rule;

import java.util.List;

/**
 * Mastodon's v1 instance description, the first thing many clients read: anonymous, and cacheable for a minute
 * (the counts change, the rest only with the configuration). v2 is {@link InstanceV2Resource}.
 */
@Path("/api/v1/instance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "instance")
public class InstanceResource {

    private final InstanceDescription description;

    public InstanceResource(InstanceDescription description) {
        this.description = description;
    }

    @GET
    @Cache(maxAge = 60)
    @Operation(summary = "This server, as Mastodon's v1 Instance",
            description = "Mastodon's GET /api/v1/instance, no token needed. Differences as for /api/v2/instance, "
                    + "and: stats.user_count counts every account, suspended ones too, and stats.status_count every "
                    + "post ever made, deleted ones too (both estimated from the collections' metadata); "
                    + "stats.domain_count is 0 (no federation); short_description and description are the same "
                    + "text (social.instance.description); invites_enabled is false (there are no invites).")
    public InstanceViews.InstanceV1 get() {
        return description.v1();
    }

    @GET
    @Path("/rules")
    @Cache(maxAge = 60)
    @Operation(summary = "The server's rules", description = "Mastodon's GET /api/v1/instance/rules, no token "
            + "needed. Rules come from social.instance.rules; a rule's id is its position, from 1.")
    public List<Rule> rules() {
        return description.rules();
    }
}
