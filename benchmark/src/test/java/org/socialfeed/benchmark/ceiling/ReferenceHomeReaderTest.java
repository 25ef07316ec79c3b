package org.socialfeed.benchmark.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialfeed.stack.ManagedProcess;
import org.socialfeed.stack.Ports;
import org.socialfeed.stack.RedisNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference reader against a real redis-server: the page it serves, with counts and flags spliced in. */
class ReferenceHomeReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            {"id":"1","created_at":"2026-11-27T10:00:00.000Z","visibility":"public","replies_count":9,
            "reblogs_count":9,"favourites_count":9,"favourited":true,"reblogged":true,"content":"<p>hello \\"you\\"</p>",
            "account":{"id":"7","username":"alice"}}""";

    @TempDir
    static Path directory;
    private static ManagedProcess redis;
    private static String redisUri;
    private static ReferenceHomeReader reader;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int port = Ports.free();
        redis = RedisNode.start(port, directory.resolve("redis"), directory.resolve("logs"));
        redisUri = RedisNode.uri(port);
        ReferenceTimeline.seed(redisUri, JSON, (ObjectNode) JSON.readTree(TEMPLATE));
        reader = ReferenceHomeReader.start(redisUri);
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
        if (redis != null) {
            ReferenceTimeline.clear(redisUri);
            redis.close();
        }
    }

    @Test
    void servesTheNewestPageWithCountsAndTheViewersFlagsSplicedIn() throws Exception {
        HttpResponse<String> response = get(reader.url(), "reference-liked-100");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page).hasSize(20);
        String newest = ReferenceTimeline.postId(799);
        String oldest = ReferenceTimeline.postId(780);
        assertThat(page.get(0).get("id").asText()).isEqualTo(newest);
        assertThat(page.get(19).get("id").asText()).isEqualTo(oldest);
        JsonNode post792 = page.get(799 - 792);
        assertThat(post792.get("content").asText()).isEqualTo("<p>hello \"you\"</p>");
        assertThat(post792.get("account").get("username").asText()).isEqualTo("alice");
        assertThat(post792.get("replies_count").asInt()).isEqualTo(792 % 3);
        assertThat(post792.get("reblogs_count").asInt()).isEqualTo(792 % 7);
        assertThat(post792.get("favourites_count").asInt()).isEqualTo(792 % 11);
        // liked: every 8th post (792, 784); reposted: every 40th from 39 on (799)
        assertThat(post792.get("favourited").asBoolean()).isTrue();
        assertThat(page.get(799 - 784).get("favourited").asBoolean()).isTrue();
        assertThat(page.get(799 - 791).get("favourited").asBoolean()).isFalse();
        assertThat(page.get(0).get("reblogged").asBoolean()).isTrue();
        assertThat(post792.get("reblogged").asBoolean()).isFalse();
        String base = "http://127.0.0.1:" + URI.create(reader.url()).getPort() + "/api/v1/timelines/home?limit=20";
        assertThat(response.headers().firstValue("Link")).hasValue("<" + base + "&max_id=" + oldest
                + ">; rel=\"next\", <" + base + "&min_id=" + newest + ">; rel=\"prev\"");
    }

    @Test
    void aViewerWhoLikedNothingSeesNoFlags() throws Exception {
        JsonNode page = JSON.readTree(get(reader.url(), "reference-liked-none").body());

        assertThat(page).hasSize(20).allSatisfy(status -> {
            assertThat(status.get("favourited").asBoolean()).isFalse();
            assertThat(status.get("reblogged").asBoolean()).isFalse();
        });
    }

    @Test
    void refusesAnUnknownToken() throws Exception {
        assertThat(get(reader.url(), "someone-else").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
