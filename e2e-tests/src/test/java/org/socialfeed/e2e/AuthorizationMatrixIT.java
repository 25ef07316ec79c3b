package org.socialfeed.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint that touches someone's data, called by each kind of caller: anonymous, another user, the owner, a
 * user the owner blocked, a suspended user and an admin, each against the expected status. Every answer to someone
 * other than the owner is also searched for the owner's private data: followers-only text, notification ids,
 * webhook secrets, the email address.
 */
class AuthorizationMatrixIT {

    enum Role { ANONYMOUS, OTHER, OWNER, BLOCKED, SUSPENDED, ADMIN }

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final String PRIVATE_TEXT = "followers only: the surprise party is on friday";
    private static final String DIRECT_TEXT = "direct: the present is hidden in the attic";

    private static final Map<Role, Client> CALLERS = new EnumMap<>(Role.class);
    private static Client owner;
    private static Client follower;
    private static String publicPost;
    private static String privatePost;
    private static String directPost;
    private static String conversationId;
    private static String notificationId;
    private static String webhookId;
    private static String webhookSecret;
    private static String deviceId;
    private static String ownerEmail;

    /** One cell set of the matrix: a call, and the statuses each role may get (several where the API allows both). */
    private record Row(String name, ServiceApp app, String method, String path, String body, Map<Role, Set<Integer>> expected) {
    }

    @BeforeAll
    static void actors() {
        owner = Client.registerAndLogIn("owner");
        ownerEmail = owner.username + "@example.org";
        follower = Client.registerAndLogIn("follower");
        Client admin = RunningStack.admin();
        Client blocked = Client.registerAndLogIn("blocked");
        Client suspended = Client.registerAndLogIn("suspended");
        CALLERS.put(Role.OTHER, Client.registerAndLogIn("other"));
        CALLERS.put(Role.OWNER, owner);
        CALLERS.put(Role.BLOCKED, blocked);
        CALLERS.put(Role.SUSPENDED, suspended);
        CALLERS.put(Role.ADMIN, admin);

        follower.on(ServiceApp.USER).post("/api/v1/accounts/" + owner.id + "/follow").then().statusCode(200);
        owner.on(ServiceApp.USER).post("/api/v1/accounts/" + blocked.id + "/block").then().statusCode(200);
        publicPost = post(owner, "a public post", "public");
        privatePost = post(owner, PRIVATE_TEXT, "private");
        directPost = post(owner, "@" + follower.username + " " + DIRECT_TEXT, "direct");
        conversationId = owner.on(ServiceApp.POST).get("/api/v1/conversations").then().statusCode(200)
                .extract().path("[0].id");
        var webhook = owner.on(ServiceApp.NOTIFICATION).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/owner-hook")).post("/api/v1/webhooks").then().statusCode(200)
                .extract().jsonPath();
        webhookId = webhook.getString("id");
        webhookSecret = webhook.getString("secret");
        deviceId = owner.on(ServiceApp.NOTIFICATION).contentType(ContentType.JSON)
                .body(Map.of("platform", "fcm", "token", "device-token-of-the-owner")).post("/api/v1/push/devices")
                .then().statusCode(200).extract().path("id");
        admin.on(ServiceApp.USER).contentType(ContentType.JSON).body(Map.of("type", "suspend"))
                .post("/api/v1/admin/accounts/" + suspended.id + "/action").then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<String> ids = owner.on(ServiceApp.NOTIFICATION).get("/api/v1/notifications?types[]=follow")
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(ids).isNotEmpty();
            notificationId = ids.get(0);
        });
        // the suspension has reached the services that act on it
        await().atMost(PROPAGATION).untilAsserted(() -> suspended.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "still here?")).post("/api/v1/statuses").then().statusCode(403));
    }

    @Test
    void everyCallerGetsExactlyWhatTheyMayAndNothingPrivateLeaks() {
        List<String> mismatches = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Row row : rows()) {
            for (Role role : Role.values()) {
                Set<Integer> expected = row.expected().get(role);
                Response response = call(row, role);
                calls++;
                if (!expected.contains(response.statusCode())) {
                    mismatches.add(row.name() + " as " + role + ": expected " + expected + ", got " + response.statusCode()
                            + " " + abbreviate(response.asString()));
                }
                if (role != Role.OWNER) {
                    String body = response.asString();
                    for (String secret : List.of(PRIVATE_TEXT, DIRECT_TEXT, webhookSecret, ownerEmail, "device-token-of-the-owner")) {
                        if (body.contains(secret)) {
                            leaks.add(row.name() + " as " + role + " shows '" + secret + "'");
                        }
                    }
                    if (!row.path().contains(notificationId) && body.contains("\"" + notificationId + "\"")) {
                        leaks.add(row.name() + " as " + role + " shows the owner's notification " + notificationId);
                    }
                }
                if (response.statusCode() >= 400) {
                    assertThat(response.contentType()).as(row.name() + " as " + role).startsWith("application/json");
                    assertThat(response.jsonPath().getString("error")).as(row.name() + " as " + role).isNotBlank();
                }
            }
        }
        new Figures("authorization-matrix").put("endpoints", rows().size()).put("roles", Role.values().length)
                .put("calls", calls).put("mismatches", mismatches.size()).put("leaks", leaks.size()).write();
        assertThat(leaks).as("private data shown to someone else").isEmpty();
        assertThat(mismatches).as("statuses other than expected").isEmpty();
    }

    private static List<Row> rows() {
        String o = owner.id;
        return List.of(
                // user-service
                row("own credentials", ServiceApp.USER, "GET", "/api/v1/accounts/verify_credentials", null,
                        401, 200, 200, 200, 403, 200),
                row("a profile", ServiceApp.USER, "GET", "/api/v1/accounts/" + o, null, 200, 200, 200, s(200, 404), s(200, 403), 200),
                row("the owner's followers", ServiceApp.USER, "GET", "/api/v1/accounts/" + o + "/followers", null,
                        200, 200, 200, s(200, 404), 403, 200),
                row("relationships", ServiceApp.USER, "GET", "/api/v1/accounts/relationships?id[]=" + o, null,
                        401, 200, 200, 200, 403, 200),
                row("own blocks", ServiceApp.USER, "GET", "/api/v1/blocks", null, 401, 200, 200, 200, 403, 200),
                row("lift a suspension (admin)", ServiceApp.USER, "POST", "/api/v1/admin/accounts/" + follower.id + "/unsuspend",
                        null, 401, 403, 403, 403, 403, 200),
                // post-service
                row("write a post", ServiceApp.POST, "POST", "/api/v1/statuses", "{\"status\":\"matrix\"}",
                        401, 200, 200, 200, 403, 200),
                row("a public post", ServiceApp.POST, "GET", "/api/v1/statuses/" + publicPost, null,
                        200, 200, 200, 404, s(200, 403), 200),
                row("a followers-only post", ServiceApp.POST, "GET", "/api/v1/statuses/" + privatePost, null,
                        404, 404, 200, 404, s(403, 404), 404),
                row("a direct post", ServiceApp.POST, "GET", "/api/v1/statuses/" + directPost, null,
                        404, 404, 200, 404, s(403, 404), 404),
                row("who liked a direct post", ServiceApp.POST, "GET", "/api/v1/statuses/" + directPost
                        + "/favourited_by", null, 404, 404, 200, 404, s(403, 404), 404),
                row("repost a direct post", ServiceApp.POST, "POST", "/api/v1/statuses/" + directPost + "/reblog",
                        null, 401, 404, 422, 404, s(403, 404), 404),
                row("own conversations", ServiceApp.POST, "GET", "/api/v1/conversations", null,
                        401, 200, 200, 200, s(200, 403), 200),
                row("mark someone's conversation read", ServiceApp.POST, "POST",
                        "/api/v1/conversations/" + conversationId + "/read", null, 401, 404, 200, 404, s(403, 404), 404),
                row("remove someone's conversation", ServiceApp.POST, "DELETE",
                        "/api/v1/conversations/" + conversationId, null, 401, 404, 200, 404, s(403, 404), 404),
                row("edit someone's post", ServiceApp.POST, "PUT", "/api/v1/statuses/" + publicPost,
                        "{\"status\":\"edited\"}", 401, 403, 200, s(403, 404), 403, 403),
                row("like a post", ServiceApp.POST, "POST", "/api/v1/statuses/" + publicPost + "/favourite", null,
                        401, 200, 200, 404, 403, 200),
                row("like a followers-only post", ServiceApp.POST, "POST", "/api/v1/statuses/" + privatePost + "/favourite",
                        null, 401, 404, 200, 404, s(403, 404), 404),
                row("the owner's posts", ServiceApp.POST, "GET", "/api/v1/accounts/" + o + "/statuses", null,
                        200, 200, 200, s(200, 404), s(200, 403), 200),
                row("who liked a followers-only post", ServiceApp.POST, "GET",
                        "/api/v1/statuses/" + privatePost + "/favourited_by", null, 404, 404, 200, 404, s(403, 404), 404),
                // feed-service
                row("own home timeline", ServiceApp.FEED, "GET", "/api/v1/timelines/home", null,
                        401, 200, 200, 200, s(200, 403), 200),
                // notification-service
                row("own notifications", ServiceApp.NOTIFICATION, "GET", "/api/v1/notifications", null,
                        401, 200, 200, 200, s(200, 403), 200),
                row("own grouped unread count", ServiceApp.NOTIFICATION, "GET", "/api/v2/notifications/unread_count",
                        null, 401, 200, 200, 200, s(200, 403), 200),
                row("own read markers", ServiceApp.NOTIFICATION, "GET",
                        "/api/v1/markers?timeline[]=home&timeline[]=notifications", null, 401, 200, 200, 200, s(200, 403), 200),
                row("move own home marker", ServiceApp.NOTIFICATION, "POST", "/api/v1/markers",
                        "{\"home\":{\"last_read_id\":\"" + publicPost + "\"}}", 401, 200, 200, 200, s(200, 403), 200),
                row("someone's notification", ServiceApp.NOTIFICATION, "GET", "/api/v1/notifications/" + notificationId,
                        null, 401, 404, 200, 404, s(403, 404), 404),
                row("dismiss someone's notification", ServiceApp.NOTIFICATION, "POST",
                        "/api/v1/notifications/" + notificationId + "/dismiss", null, 401, 404, 200, 404, s(403, 404), 404),
                row("someone's webhook", ServiceApp.NOTIFICATION, "GET", "/api/v1/webhooks/" + webhookId, null,
                        401, 404, 200, 404, s(403, 404), 404),
                row("someone's webhook deliveries", ServiceApp.NOTIFICATION, "GET",
                        "/api/v1/webhooks/" + webhookId + "/deliveries", null, 401, 404, 200, 404, s(403, 404), 404),
                row("own webhooks", ServiceApp.NOTIFICATION, "GET", "/api/v1/webhooks", null,
                        401, 200, 200, 200, s(200, 403), 200),
                row("own devices", ServiceApp.NOTIFICATION, "GET", "/api/v1/push/devices", null,
                        401, 200, 200, 200, s(200, 403), 200),
                row("delete someone's device", ServiceApp.NOTIFICATION, "DELETE", "/api/v1/push/devices/" + deviceId, null,
                        401, 404, 200, 404, s(403, 404), 404),
                row("delete someone's webhook", ServiceApp.NOTIFICATION, "DELETE", "/api/v1/webhooks/" + webhookId, null,
                        401, 404, 200, 404, s(403, 404), 404),
                // after the visibility checks: following makes followers-only posts visible
                row("follow the owner", ServiceApp.USER, "POST", "/api/v1/accounts/" + o + "/follow", null,
                        401, 200, s(403, 422), 403, 403, 200),
                // last: the owner deletes, then the admin may delete what is left (not found)
                row("delete someone's post", ServiceApp.POST, "DELETE", "/api/v1/statuses/" + publicPost, null,
                        401, 403, 200, s(403, 404), s(403, 404), s(200, 404)));
    }

    private static Response call(Row row, Role role) {
        RequestSpecification request = role == Role.ANONYMOUS
                ? given().baseUri(RunningStack.url(row.app())) : CALLERS.get(role).on(row.app());
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body());
        }
        return request.request(row.method(), row.path());
    }

    private static Row row(String name, ServiceApp app, String method, String path, String body, Object... statuses) {
        Map<Role, Set<Integer>> expected = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Object status = statuses[role.ordinal()];
            @SuppressWarnings("unchecked")
            Set<Integer> allowed = status instanceof Set<?> set ? (Set<Integer>) set : Set.of((Integer) status);
            expected.put(role, allowed);
        }
        return new Row(name, app, method, path, body, expected);
    }

    private static Set<Integer> s(Integer... statuses) {
        return Set.of(statuses);
    }

    private static String post(Client author, String text, String visibility) {
        return author.on(ServiceApp.POST).contentType(ContentType.JSON).body(Map.of("status", text, "visibility", visibility))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
