package org.socialfeed.support.mastodon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.Visibility;
import org.socialfeed.support.mastodon.RenderablePost.Interactions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A filled template is byte for byte what Jackson writes for the whole rendering. */
class StatusTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final StatusRendering RENDERING = new StatusRendering(new PublicLinks("https://social.example/"));
    private static final AccountRef ADA = new AccountRef("1001", "ada", "Ada");
    private static final AccountRef BOB = new AccountRef("1002", "bob", "Bob");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    /** Its text holds the very markers the template looks for, as a user could type them. */
    private static final RenderablePost TRICKY = new RenderablePost("2001", ADA,
            "<p>\"reblogs_count\":0,\"favourites_count\":0,\"replies_count\":0, \"reblog\":null | 7|</p>",
            Visibility.PUBLIC, false, "\"reblog\":null", "en", null, List.of(BOB), List.of("java"), AT, null, null,
            null);

    @Test
    void aFilledStatusIsWhatJacksonWritesForTheWholeStatus() throws Exception {
        String template = StatusTemplate.ofStatus(JSON, RENDERING.status(TRICKY, Interactions.counts(0, 0, 0), null));

        for (Interactions interactions : List.of(new Interactions(3, 12, 1234567, true, false),
                Interactions.counts(1, 0, 0), new Interactions(0, 0, 0, false, true))) {
            StringBuilder filled = new StringBuilder();
            StatusTemplate.appendStatus(filled, template, interactions);
            assertThat(filled.toString())
                    .isEqualTo(JSON.writeValueAsString(RENDERING.status(TRICKY, interactions, null)));
        }
    }

    /** Text outside ASCII before the gap: its offset in bytes is not its offset in chars. */
    private static final RenderablePost NOT_ASCII = new RenderablePost("2004", new AccountRef("1003", "zoë", "Zoë 🌻"),
            "<p>Grüße aus Köln 🌧️, \"reblogs_count\":0 | 12|</p>", Visibility.UNLISTED, true, "🙈 spoilers", "de",
            null, List.of(ADA), List.of("köln"), AT, null, null, null);

    @Test
    void aFilledUtf8TemplateIsTheBytesJacksonWritesForTheWholeStatus() throws Exception {
        for (RenderablePost post : List.of(TRICKY, NOT_ASCII)) {
            StatusTemplate.Utf8 template = storedAndReadBack(StatusTemplate.Utf8.of(
                    StatusTemplate.ofStatus(JSON, RENDERING.status(post, Interactions.counts(0, 0, 0), null))));

            for (Interactions interactions : List.of(new Interactions(3, 12, 1234567, true, false),
                    Interactions.counts(0, 0, 0), new Interactions(10, 9, 100, false, true),
                    new Interactions(-1, Long.MAX_VALUE, 0, null, true))) {
                assertThat(new String(template.status(interactions), StandardCharsets.UTF_8))
                        .isEqualTo(JSON.writeValueAsString(RENDERING.status(post, interactions, null)));
            }
        }
    }

    /** Through its stored form, among other bytes, as a view in Redis holds it. */
    private static StatusTemplate.Utf8 storedAndReadBack(StatusTemplate.Utf8 template) {
        byte[] stored = ("facts\n" + template.stored()).getBytes(StandardCharsets.UTF_8);
        StatusTemplate.Utf8 read = StatusTemplate.Utf8.read(stored, "facts\n".length(), stored.length);
        assertThat(read).isEqualTo(template).hasSameHashCodeAs(template);
        return read;
    }

    @Test
    void aFilledUtf8RepostIsTheBytesJacksonWritesForTheRepostAroundItsOriginal() throws Exception {
        AccountRef reposter = new AccountRef("1004", "jürgen", "Jürgen");
        for (Visibility visibility : Visibility.values()) {
            for (RenderablePost original : List.of(NOT_ASCII, new RenderablePost("2002", ADA, "<p>hi</p>", visibility,
                    true, "cw", null, null, null, null, AT, AT.plusSeconds(60), "1999", "1002"))) {
                Interactions interactions = new Interactions(1, 22, 333, true, null);
                StatusTemplate.Utf8 originalTemplate = storedAndReadBack(StatusTemplate.Utf8.of(StatusTemplate.ofStatus(
                        JSON, RENDERING.status(original, Interactions.counts(0, 0, 0), null))));
                StatusTemplate.Utf8 repostTemplate = storedAndReadBack(StatusTemplate.Utf8.of(StatusTemplate.ofRepost(
                        JSON, RENDERING.repostShell("2005", reposter, AT.plusSeconds(90), original.visibility()))));

                assertThat(new String(repostTemplate.repost(originalTemplate, interactions), StandardCharsets.UTF_8))
                        .isEqualTo(JSON.writeValueAsString(RENDERING.repost("2005", reposter, AT.plusSeconds(90),
                                RENDERING.status(original, interactions, null))));
            }
        }
    }
}
