package org.socialfeed.user.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.socialfeed.support.mastodon.AccountView;

import java.util.List;

/**
 * Mastodon's Instance entities (v1 and v2) and their parts, with only the fields this server can fill truthfully:
 * no thumbnail or icons, no {@code usage}, {@code source_url}, {@code vapid} or {@code api_versions}, no polls or
 * media upload limits (polls do not exist here, media are URLs), no {@code characters_reserved_per_url} (URLs count
 * in full).
 */
public final class InstanceViews {

    private InstanceViews() {
    }

    /** Mastodon's v2 Instance. */
    public record InstanceV2(String domain, String title, String version, String description, List<String> languages,
                             ConfigurationV2 configuration, Registrations registrations, Contact contact,
                             List<Rule> rules) {
    }

    /** Mastodon's v1 Instance (deprecated there since 4.0, still what many clients read). */
    public record InstanceV1(String uri, String title, @JsonProperty("short_description") String shortDescription,
                             String description, String email, String version, UrlsV1 urls, Stats stats,
                             List<String> languages, boolean registrations,
                             @JsonProperty("approval_required") boolean approvalRequired,
                             @JsonProperty("invites_enabled") boolean invitesEnabled, ConfigurationV1 configuration,
                             @JsonProperty("contact_account") AccountView contactAccount, List<Rule> rules) {
    }

    public record ConfigurationV2(Urls urls, Accounts accounts, Statuses statuses, Translation translation) {
    }

    public record ConfigurationV1(Accounts accounts, Statuses statuses) {
    }

    public record Urls(String streaming) {
    }

    public record UrlsV1(@JsonProperty("streaming_api") String streamingApi) {
    }

    /** Featured tags and pinned posts do not exist here, hence zero of each. */
    public record Accounts(@JsonProperty("max_featured_tags") int maxFeaturedTags,
                           @JsonProperty("max_pinned_statuses") int maxPinnedStatuses) {
    }

    public record Statuses(@JsonProperty("max_characters") int maxCharacters,
                           @JsonProperty("max_media_attachments") int maxMediaAttachments) {
    }

    public record Translation(boolean enabled) {
    }

    public record Registrations(boolean enabled, @JsonProperty("approval_required") boolean approvalRequired,
                                String message) {
    }

    public record Contact(String email, AccountView account) {
    }

    public record Stats(@JsonProperty("user_count") long userCount, @JsonProperty("status_count") long statusCount,
                        @JsonProperty("domain_count") long domainCount) {
    }

    /** Mastodon's Rule. */
    public record Rule(String id, String text, String hint) {
    }
}
