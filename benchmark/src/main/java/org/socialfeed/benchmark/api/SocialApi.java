package org.socialfeed.benchmark.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The services' Mastodon-shaped HTTP API as the harness calls it, asynchronously, with the JDK HTTP client
 * (HTTP/1.1 keep-alive). Only loopback addresses are accepted: the harness never loads anything but the local stack.
 */
public final class SocialApi {

    public static final String PASSWORD = "benchmark password 1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json;
    private final String users;
    private final String posts;
    private final String feed;
    private final String notifications;

    public SocialApi(HttpClient http, ObjectMapper json, String userServiceUrl, String postServiceUrl,
                     String feedServiceUrl, String notificationServiceUrl) {
        this.http = http;
        this.json = json;
        this.users = loopback(userServiceUrl);
        this.posts = loopback(postServiceUrl);
        this.feed = loopback(feedServiceUrl);
        this.notifications = loopback(notificationServiceUrl);
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String feedServiceUrl() {
        return feed;
    }

    public String postServiceUrl() {
        return posts;
    }

    public String notificationServiceUrl() {
        return notifications;
    }

    /** Registers an account (Mastodon answers registration with a token), then asks who the token belongs to. */
    public CompletableFuture<Account> register(int index, String username) {
        String body = write(Map.of("username", username, "email", username + "@bench.example.org",
                "password", PASSWORD));
        return send(post(users + "/api/v1/accounts", null).header("Content-Type", "application/json").POST(json(body)))
                .thenCompose(response -> {
                    String token = field(expect(response, 200, "registration of " + username), "access_token");
                    return send(get(users + "/api/v1/accounts/verify_credentials", token))
                            .thenApply(me -> new Account(index, field(expect(me, 200, "verify_credentials"), "id"),
                                    username, token));
                });
    }

    public CompletableFuture<Boolean> follow(Account follower, String followeeId) {
        return send(post(users + "/api/v1/accounts/" + followeeId + "/follow", follower.token())
                .POST(HttpRequest.BodyPublishers.noBody()))
                .thenApply(SocialApi::ok);
    }

    /** Posts a public status; completes with its id, or null if the service refused it. */
    public CompletableFuture<String> compose(Account author, String text) {
        String body = write(Map.of("status", text, "visibility", "public"));
        return send(post(posts + "/api/v1/statuses", author.token()).header("Content-Type", "application/json")
                .POST(json(body)))
                .thenApply(response -> ok(response) ? field(response.body(), "id") : null);
    }

    public CompletableFuture<Boolean> favourite(Account account, String statusId) {
        return send(post(posts + "/api/v1/statuses/" + statusId + "/favourite", account.token())
                .POST(HttpRequest.BodyPublishers.noBody()))
                .thenApply(SocialApi::ok);
    }

    public CompletableFuture<HttpResponse<String>> homeTimeline(Account reader, int limit) {
        return send(get(feed + "/api/v1/timelines/home?limit=" + limit, reader.token()));
    }

    /** Whether status {@code statusId} is in the reader's home timeline yet (asks only for statuses from it on). */
    public CompletableFuture<Boolean> homeTimelineShows(Account reader, String statusId) {
        // min_id, not since_id: since_id pages the newest 40 above the cursor, which a busy timeline fills with
        // later posts within seconds, so a delivered post dropped off the page and counted as missed
        String minId = Long.toString(Long.parseLong(statusId) - 1);
        return send(get(feed + "/api/v1/timelines/home?limit=40&min_id=" + minId, reader.token()))
                .thenApply(response -> ok(response) && response.body().contains("\"" + statusId + "\""));
    }

    public CompletableFuture<Boolean> userTimeline(Account reader, String accountId, int limit) {
        return send(get(posts + "/api/v1/accounts/" + accountId + "/statuses?limit=" + limit, reader.token()))
                .thenApply(SocialApi::ok);
    }

    /** The reader's first page of notifications: {@code version} 1 lists them, 2 groups them. */
    public CompletableFuture<HttpResponse<String>> notifications(Account reader, int version, int limit) {
        return send(get(notifications + "/api/v" + version + "/notifications?limit=" + limit, reader.token()));
    }

    /**
     * How many entries a page holds (parsed, so only for sampling): statuses of a timeline, notifications of a v1
     * list, groups of a v2 grouped page.
     */
    public int pageSize(HttpResponse<String> response) {
        try {
            JsonNode page = json.readTree(response.body());
            JsonNode entries = page.has("notification_groups") ? page.get("notification_groups") : page;
            return entries.isArray() ? entries.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** True for a 2xx answer; anything else fails the request with its status, which the report counts. */
    public static boolean ok(HttpResponse<?> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri().getPath());
        }
        return true;
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder post(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String field(String body, String name) {
        try {
            JsonNode value = json.readTree(body).get(name);
            if (value == null || value.isNull()) {
                throw new IllegalStateException("no '" + name + "' in " + body);
            }
            return value.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses anything but a loopback address, so the harness cannot be pointed at someone else's servers. */
    public static String loopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"))) {
            throw new IllegalArgumentException("the benchmark only drives services on the loopback address, not "
                    + url);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
