package org.socialfeed.notification.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.notification.inbox.NotificationReader;


/** The caller's notification policy (Mastodon 4.3). */
@Path("/api/v2/notifications/policy")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "notification settings")
public class PolicyResource {

    private final UserSettingsRepository settings;
    private final NotificationReader reader;
    private final JsonWebToken caller;

    public PolicyResource(UserSettingsRepository settings, NotificationReader reader, JsonWebToken caller) {
        this.settings = settings;
        this.reader = reader;
        this.caller = caller;
    }

    /** Mastodon 4.3's NotificationPolicy, plus {@code new_account_days} (ours; Mastodon fixes it at 30). */
    public record PolicyView(@JsonProperty("for_not_following") PolicyAction forNotFollowing,
                             @JsonProperty("for_not_followers") PolicyAction forNotFollowers,
                             @JsonProperty("for_new_accounts") PolicyAction forNewAccounts,
                             @JsonProperty("for_private_mentions") PolicyAction forPrivateMentions,
                             @JsonProperty("for_limited_accounts") PolicyAction forLimitedAccounts,
                             @JsonProperty("new_account_days") int newAccountDays,
                             Summary summary) {
    }

    public record Summary(@JsonProperty("pending_requests_count") long pendingRequestsCount,
                          @JsonProperty("pending_notifications_count") long pendingNotificationsCount) {
    }

    /** A PATCH: fields left out keep their value. */
    public record PolicyPatch(@JsonProperty("for_not_following") PolicyAction forNotFollowing,
                              @JsonProperty("for_not_followers") PolicyAction forNotFollowers,
                              @JsonProperty("for_new_accounts") PolicyAction forNewAccounts,
                              @JsonProperty("for_private_mentions") PolicyAction forPrivateMentions,
                              @JsonProperty("for_limited_accounts") PolicyAction forLimitedAccounts,
                              @JsonProperty("new_account_days") @Min(1) @Max(365) Integer newAccountDays) {
    }

    @GET
    @Operation(summary = "The caller's notification policy")
    public PolicyView policy() {
        return view(settings.get(caller.getSubject()).policy());
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Operation(summary = "Change the caller's notification policy",
            description = "Mastodon 4.3 (JSON, urlencoded or multipart form parameters): each of "
                    + "for_not_following, for_not_followers, for_new_accounts, for_private_mentions is accept, filter (kept aside: listed with include_filtered=true, never pushed) or drop. "
                    + "for_private_mentions (default filter) applies, as in Mastodon, to direct posts from accounts "
                    + "the caller does not follow, unless they answer a direct post that mentioned their author. "
                    + "Difference: new_account_days (1-365, default 30) sets what a new account is; "
                    + "for_limited_accounts is stored but has no effect here.")
    public PolicyView update(@NotNull(message = "a body is required") @Valid PolicyPatch patch) {
        NotificationPolicy current = settings.get(caller.getSubject()).policy();
        NotificationPolicy changed = new NotificationPolicy(
                or(patch.forNotFollowing(), current.forNotFollowing()),
                or(patch.forNotFollowers(), current.forNotFollowers()),
                or(patch.forNewAccounts(), current.forNewAccounts()),
                or(patch.forPrivateMentions(), current.forPrivateMentions()),
                or(patch.forLimitedAccounts(), current.forLimitedAccounts()),
                or(patch.newAccountDays(), current.newAccountDays()));
        settings.savePolicy(caller.getSubject(), changed);
        return view(changed);
    }

    private PolicyView view(NotificationPolicy policy) {
        long[] filtered = reader.filteredSummary(caller.getSubject());
        return new PolicyView(policy.forNotFollowing(), policy.forNotFollowers(), policy.forNewAccounts(),
                policy.forPrivateMentions(), policy.forLimitedAccounts(), policy.newAccountDays(),
                new Summary(filtered[1], filtered[0]));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
