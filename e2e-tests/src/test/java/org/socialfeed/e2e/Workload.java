package org.socialfeed.e2e;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.socialfeed.stack.ServiceApp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A steady writer for the fault tests: a few accounts post, like each other's posts and follow each other at a fixed
 * rate while faults are injected. Every write is accounted for: accepted (2xx), or in doubt (no answer, 5xx) and
 * retried after the fault until it is accepted; posts carry an Idempotency-Key so a retry cannot create a second
 * post. {@link #verify} then checks that nothing accepted was lost and nothing was duplicated, in every service.
 */
final class Workload {

    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 15000));

    private final List<Client> users = new ArrayList<>();
    private final Random random = new Random(42);
    /** Accepted posts by author: post id -> text. */
    private final Map<String, Map<String, String>> posts = new ConcurrentHashMap<>();
    /** Accepted likes: post id -> liker ids. */
    private final Map<String, Set<String>> likes = new ConcurrentHashMap<>();
    /** Accepted follows: follower id -> followee ids. */
    private final Map<String, Set<String>> follows = new ConcurrentHashMap<>();
    private final Map<String, String> authorOf = new ConcurrentHashMap<>();
    private final List<Runnable> inDoubt = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger inDoubtCount = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private int recordsChecked;

    Workload(String prefix, int accounts) {
        for (int i = 0; i < accounts; i++) {
            Client user = Client.registerAndLogIn(prefix + i);
            users.add(user);
            posts.put(user.id, new ConcurrentHashMap<>());
            follows.put(user.id, ConcurrentHashMap.newKeySet());
        }
    }

    /** Writes at {@code perSecond} for {@code duration}, then retries what was in doubt until it is accepted. */
    void run(Duration duration, int perSecond) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long next = start;
        while (System.nanoTime() - start < duration.toNanos()) {
            writeOne();
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }
    }

    /**
     * Writes at {@code perSecond} for {@code duration} while {@code fault} is injected beside, waits for the fault to
     * end, retries what was in doubt, then checks everything ({@link #verify}, within 3 minutes).
     */
    void runThrough(CompletableFuture<?> fault, Duration duration, int perSecond) {
        run(duration, perSecond);
        fault.join();
        settle();
        verify(Duration.ofMinutes(3));
    }

    /** After the faults: repeats each write that got no definite answer until it gets one. */
    void settle() {
        List<Runnable> pending = new ArrayList<>(inDoubt);
        inDoubt.clear();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime()).as("writes still in doubt after 3 minutes").isLessThan(deadline);
            pending.forEach(Runnable::run);
            pending = new ArrayList<>(inDoubt);
            inDoubt.clear();
            if (!pending.isEmpty()) {
                sleep(2000);
            }
        }
    }

    private void writeOne() {
        Client user = users.get(random.nextInt(users.size()));
        int dice = random.nextInt(10);
        List<String> othersPosts = authorOf.entrySet().stream().filter(e -> !e.getValue().equals(user.id))
                .map(Map.Entry::getKey).sorted().toList();
        if (dice < 5 || othersPosts.isEmpty()) {
            String key = UUID.randomUUID().toString();
            post(user, key, "post " + key);
        } else if (dice < 8) {
            like(user, othersPosts.get(random.nextInt(othersPosts.size())));
        } else {
            Client followee = users.get(random.nextInt(users.size()));
            if (followee != user) {
                follow(user, followee);
            }
        }
    }

    private void post(Client author, String key, String text) {
        Response response = send(() -> author.on(ServiceApp.POST).config(TIMEOUTS).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Map.of("status", text, "visibility", "public"))
                .post("/api/v1/statuses"), () -> post(author, key, text));
        if (response != null) {
            String id = response.path("id");
            posts.get(author.id).put(id, text);
            authorOf.put(id, author.id);
        }
    }

    private void like(Client liker, String postId) {
        if (send(() -> liker.on(ServiceApp.POST).config(TIMEOUTS).post("/api/v1/statuses/" + postId + "/favourite"),
                () -> like(liker, postId)) != null) {
            likes.computeIfAbsent(postId, id -> ConcurrentHashMap.newKeySet()).add(liker.id);
        }
    }

    /** {@code follower} follows every other account of the workload, accounted like the workload's own follows. */
    void followEveryone(Client follower) {
        users.stream().filter(followee -> followee != follower).forEach(followee -> follow(follower, followee));
    }

    private void follow(Client follower, Client followee) {
        if (send(() -> follower.on(ServiceApp.USER).config(TIMEOUTS).post("/api/v1/accounts/" + followee.id + "/follow"),
                () -> follow(follower, followee)) != null) {
            follows.get(follower.id).add(followee.id);
        }
    }

    /** The accepted response, or null when the write was refused or is in doubt (then queued for a retry). */
    private Response send(java.util.function.Supplier<Response> call, Runnable retry) {
        attempts.incrementAndGet();
        Response response;
        try {
            response = call.get();
        } catch (Exception e) { // connection refused or reset (thrown undeclared by RestAssured): the service is down
            inDoubtCount.incrementAndGet();
            inDoubt.add(retry);
            return null;
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            inDoubtCount.incrementAndGet();
            inDoubt.add(retry);
            return null;
        }
        if (response.statusCode() >= 300) {
            refused.incrementAndGet();
            throw new AssertionError("A valid write was refused: " + response.statusCode() + " " + response.asString());
        }
        return response;
    }

    /** Nothing accepted is lost, nothing is duplicated: posts, likes, follows, timelines, notifications. */
    void verify(Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofSeconds(3)).untilAsserted(this::checkEverything);
    }

    private void checkEverything() {
        int checked = 0;
        for (Client user : users) {
            // post-service: the author's posts are exactly the accepted ones, each once
            List<String> authored = pages(user, ServiceApp.POST, "/api/v1/accounts/" + user.id + "/statuses");
            assertThat(authored).as("posts of %s", user.username).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(posts.get(user.id).keySet());
            checked += authored.size();
            // user-service: the accounts followed are exactly the accepted follows
            List<String> following = pages(user, ServiceApp.USER, "/api/v1/accounts/" + user.id + "/following");
            assertThat(following).as("following of %s", user.username).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(follows.get(user.id));
            checked += following.size();
            // feed-service: the home timeline is the user's own posts and those of everyone followed, each once
            Set<String> expectedHome = new HashSet<>(posts.get(user.id).keySet());
            follows.get(user.id).forEach(followee -> expectedHome.addAll(posts.get(followee).keySet()));
            List<String> home = pages(user, ServiceApp.FEED, "/api/v1/timelines/home");
            assertThat(home).as("home timeline of %s", user.username).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedHome);
            checked += home.size();
            // notification-service: one follow notification per follower, one favourite per like
            List<Map<String, Object>> notifications = notifications(user);
            Set<String> followers = new HashSet<>();
            follows.forEach((follower, followees) -> {
                if (followees.contains(user.id)) {
                    followers.add(follower);
                }
            });
            assertThat(notifications.stream().filter(n -> "follow".equals(n.get("type")))
                    .map(n -> (String) ((Map<?, ?>) n.get("account")).get("id")).toList())
                    .as("follow notifications of %s", user.username).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(followers);
            List<String> expectedLikes = new ArrayList<>();
            likes.forEach((post, likers) -> {
                if (user.id.equals(authorOf.get(post))) {
                    likers.forEach(liker -> expectedLikes.add(post + "/" + liker));
                }
            });
            // a like consumed before its post's creation shows no status until the post is: not yet, so checked again
            assertThat(notifications.stream().filter(n -> "favourite".equals(n.get("type")))
                    .map(n -> (n.get("status") == null ? "(no status yet)" : ((Map<?, ?>) n.get("status")).get("id"))
                            + "/" + ((Map<?, ?>) n.get("account")).get("id"))
                    .toList()).as("favourite notifications of %s", user.username).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedLikes);
            checked += notifications.size();
        }
        // post-service counters: exactly one like per accepted liker
        for (Map.Entry<String, Set<String>> liked : likes.entrySet()) {
            Integer count = users.get(0).on(ServiceApp.POST).config(TIMEOUTS).get("/api/v1/statuses/" + liked.getKey())
                    .then().statusCode(200).extract().path("favourites_count");
            assertThat(count).as("favourites_count of %s", liked.getKey()).isEqualTo(liked.getValue().size());
            checked++;
        }
        recordsChecked = checked;
    }

    private List<String> pages(Client user, ServiceApp app, String path) {
        List<String> ids = new ArrayList<>();
        String maxId = null;
        while (true) {
            Response page = user.on(app).config(TIMEOUTS).queryParam("limit", 40)
                    .queryParams(maxId == null ? Map.of() : Map.of("max_id", maxId)).get(path);
            assertThat(page.statusCode()).as("%s %s", app, path).isEqualTo(200);
            List<String> batch = page.jsonPath().getList("id");
            if (batch.isEmpty()) {
                return ids;
            }
            ids.addAll(batch);
            maxId = batch.get(batch.size() - 1);
        }
    }

    /** The user's follow and favourite notifications, every page, newest first. */
    List<Map<String, Object>> notifications(Client user) {
        List<Map<String, Object>> all = new ArrayList<>();
        String maxId = null;
        while (true) {
            Response page = user.on(ServiceApp.NOTIFICATION).config(TIMEOUTS).queryParam("limit", 40)
                    .queryParam("types[]", "follow").queryParam("types[]", "favourite")
                    .queryParams(maxId == null ? Map.of() : Map.of("max_id", maxId)).get("/api/v1/notifications");
            assertThat(page.statusCode()).isEqualTo(200);
            List<Map<String, Object>> batch = page.jsonPath().getList("$");
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            maxId = (String) batch.get(batch.size() - 1).get("id");
        }
    }

    Figures figures(String test) {
        int acceptedPosts = posts.values().stream().mapToInt(Map::size).sum();
        int acceptedLikes = likes.values().stream().mapToInt(Set::size).sum();
        int acceptedFollows = follows.values().stream().mapToInt(Set::size).sum();
        return new Figures(test).put("writeAttempts", attempts.get()).put("acceptedPosts", acceptedPosts)
                .put("acceptedLikes", acceptedLikes).put("acceptedFollows", acceptedFollows)
                .put("inDoubtThenRetried", inDoubtCount.get()).put("recordsChecked", recordsChecked)
                .put("losses", 0).put("duplicates", 0);
    }

    List<Client> users() {
        return users;
    }

    Set<String> allPostIds() {
        Set<String> ids = new LinkedHashSet<>();
        posts.values().forEach(byAuthor -> ids.addAll(byAuthor.keySet()));
        return ids;
    }

    Map<String, Map<String, String>> postsByAuthor() {
        return new HashMap<>(posts);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RestAssuredConfig timeouts() {
        return TIMEOUTS;
    }
}
