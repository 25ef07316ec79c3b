package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.MediaRef;
import org.socialfeed.events.ProfileField;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRenderingTest {

    /** Serialised as the services do: Quarkus's mapper writes dates as ISO-8601 text. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final StatusRendering RENDERING = new StatusRendering(new PublicLinks("https://social.example/"));

    private static final AccountRef ADA = new AccountRef("1001", "ada", "Ada L.", "https://cdn.example/ada.png",
            "https://cdn.example/ada-header.png", true, true, false, Instant.parse("2026-03-04T15:16:17Z"),
            "Engines & notes", List.of(new ProfileField("web", "https://ada.example", null)));
    private static final AccountRef BOB = new AccountRef("1002", "bob", "Bob");

    private static final RenderablePost POST = new RenderablePost("2001", ADA, "<p>Hi @bob #Java</p>",
            Visibility.UNLISTED, true, "cw", "en",
            List.of(new MediaRef("3001", "image", "https://cdn.example/cat.png", "a cat")), List.of(BOB),
            List.of("java"), Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:00:00Z"), "1999",
            "1002");

    /** The JSON a client reads (numbers compare by value, whatever Java type wrote them). */
    private static JsonNode tree(Object entity) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(entity));
    }

    @Test
    void rendersEveryFieldOfAPost() throws Exception {
        StatusView status = RENDERING.status(POST, new Interactions(3, 2, 1, true, false), null);

        assertThat(tree(status)).isEqualTo(JSON.readTree("""
                {"id": "2001",
                 "uri": "https://social.example/users/ada/statuses/2001",
                 "url": "https://social.example/@ada/2001",
                 "created_at": "2026-11-27T10:00:00Z", "edited_at": "2026-11-27T11:00:00Z",
                 "account": %s,
                 "content": "<p>Hi @bob #Java</p>",
                 "visibility": "unlisted", "sensitive": true, "spoiler_text": "cw",
                 "media_attachments": [{"id": "3001", "type": "image", "url": "https://cdn.example/cat.png",
                                        "preview_url": "https://cdn.example/cat.png", "description": "a cat"}],
                 "mentions": [{"id": "1002", "username": "bob", "acct": "bob", "url": "https://social.example/@bob"}],
                 "tags": [{"name": "java", "url": "https://social.example/tags/java"}],
                 "emojis": [],
                 "reblogs_count": 2, "favourites_count": 1, "replies_count": 3,
                 "in_reply_to_id": "1999", "in_reply_to_account_id": "1002",
                 "reblog": null, "language": "en", "favourited": true, "reblogged": false}
                """.formatted(ADA_JSON)));
    }

    private static final String ADA_JSON = """
            {"id": "1001", "username": "ada", "acct": "ada", "display_name": "Ada L.",
             "locked": true, "bot": true, "discoverable": false, "group": false,
             "created_at": "2026-03-04T00:00:00Z", "note": "Engines & notes",
             "url": "https://social.example/@ada", "uri": "https://social.example/users/ada",
             "avatar": "https://cdn.example/ada.png", "avatar_static": "https://cdn.example/ada.png",
             "header": "https://cdn.example/ada-header.png", "header_static": "https://cdn.example/ada-header.png",
             "emojis": [], "fields": [{"name": "web", "value": "https://ada.example", "verified_at": null}]}
            """;

    @Test
    void anAccountWithoutProfileGetsMastodonsDefaultsAndPlaceholders() throws Exception {
        long id = SnowflakeIds.floorAt(Instant.parse("2026-05-06T07:08:09Z"));
        AccountView account = RENDERING.account(new AccountRef(Long.toString(id), "cy", "Cy"));

        assertThat(tree(account)).isEqualTo(JSON.readTree("""
                {"id": "%d", "username": "cy", "acct": "cy", "display_name": "Cy",
                 "locked": false, "bot": false, "discoverable": true, "group": false,
                 "created_at": "2026-05-06T00:00:00Z", "note": "",
                 "url": "https://social.example/@cy", "uri": "https://social.example/users/cy",
                 "avatar": "https://social.example/avatars/original/missing.png",
                 "avatar_static": "https://social.example/avatars/original/missing.png",
                 "header": "https://social.example/headers/original/missing.png",
                 "header_static": "https://social.example/headers/original/missing.png",
                 "emojis": [], "fields": []}
                """.formatted(id)));
    }

    @Test
    void aFullAccountAddsItsCountersAndTheDayOfItsLastPost() throws Exception {
        JsonNode neverPosted = tree(RENDERING.account(ADA).withCounters(5, 6, 0, null));
        assertThat(neverPosted.get("followers_count").asLong()).isEqualTo(5);
        assertThat(neverPosted.get("following_count").asLong()).isEqualTo(6);
        assertThat(neverPosted.get("statuses_count").asLong()).isZero();
        assertThat(neverPosted.has("last_status_at")).isTrue();
        assertThat(neverPosted.get("last_status_at").isNull()).isTrue();

        JsonNode posted = tree(RENDERING.account(ADA).withCounters(5, 6, 7, LocalDate.of(2026, 11, 27)));
        assertThat(posted.get("last_status_at").asText()).isEqualTo("2026-11-27");
        assertThat(posted.get("statuses_count").asLong()).isEqualTo(7);
    }

    @Test
    void aRepostWrapsTheOriginalWithNothingOfItsOwn() throws Exception {
        StatusView original = RENDERING.status(POST, Interactions.counts(0, 1, 0), null);
        StatusView repost = RENDERING.repost("2002", BOB, Instant.parse("2026-11-27T12:00:00Z"), original);

        JsonNode json = tree(repost);
        assertThat(json.get("uri").asText()).isEqualTo("https://social.example/users/bob/statuses/2002");
        assertThat(json.get("url").asText()).isEqualTo("https://social.example/@bob/2002");
        assertThat(json.get("account").get("id").asText()).isEqualTo("1002");
        assertThat(json.get("content").asText()).isEmpty();
        assertThat(json.get("visibility").asText()).isEqualTo("public");
        assertThat(json.get("reblogs_count").asLong()).isZero();
        assertThat(json.get("reblog")).isEqualTo(tree(original));
        assertThat(json.has("favourited")).as("an anonymous reader's flags stay out").isFalse();
        assertThat(json.get("in_reply_to_id").isNull()).isTrue();
        assertThat(json.get("language").isNull()).isTrue();
    }

    @Test
    void anAuthorsRepostOfAFollowersOnlyPostStaysFollowersOnly() {
        RenderablePost followersOnly = new RenderablePost("2001", ADA, "<p>Hi</p>", Visibility.PRIVATE, false, null,
                null, List.of(), List.of(), List.of(), Instant.parse("2026-11-27T10:00:00Z"), null, null, null);
        StatusView original = RENDERING.status(followersOnly, Interactions.counts(0, 0, 0), null);
        assertThat(RENDERING.repost("2002", ADA, Instant.parse("2026-11-27T12:00:00Z"), original).visibility())
                .isEqualTo("private");
    }

    @Test
    void theSourceTextIsShownOnlyWhenAsked() throws Exception {
        StatusView status = RENDERING.status(POST, Interactions.counts(0, 0, 0), null);
        assertThat(tree(status).has("text")).isFalse();
        assertThat(tree(status.withText("Hi @bob #Java")).get("text").asText()).isEqualTo("Hi @bob #Java");
    }
}
