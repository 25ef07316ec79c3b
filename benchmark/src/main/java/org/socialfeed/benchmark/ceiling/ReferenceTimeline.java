package org.socialfeed.benchmark.ceiling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data the {@link ReferenceHomeReader} serves, in a Redis database of its own: one home timeline of
 * {@value #ENTRIES} posts (20 authors with 40 posts each, as in the issue) for each {@link Viewer}, every post's
 * Status JSON pre-rendered without its counts and the viewer's flags, every post's counts as a ready JSON fragment,
 * and each viewer's liked and reposted posts as plain sets (SMISMEMBER stays flat as a set grows, where ZMSCORE on
 * a listpack sorted set grows with it).
 */
public final class ReferenceTimeline {

    public static final int DATABASE = 14;
    public static final int ENTRIES = 800;
    /** What the reader splices in per request; the template loses these so the page carries them once. */
    static final List<String> SPLICED_FIELDS = List.of("replies_count", "reblogs_count", "favourites_count",
            "favourited", "reblogged");
    private static final long FIRST_ID = 110_000_000_000_000_000L;

    /** A reader of the reference: its bearer token, and how many of the 800 posts it liked and reposted. */
    public record Viewer(String name, String token, int liked, int reposted) {

        /** Likes are spread evenly over the timeline (every n-th post); reposts fall on other posts. */
        boolean likes(int post) {
            return liked > 0 && post % (ENTRIES / liked) == 0;
        }

        boolean reposted(int post) {
            return reposted > 0 && post % (ENTRIES / reposted) == ENTRIES / reposted - 1;
        }
    }

    public static final List<Viewer> VIEWERS = List.of(new Viewer("liked none", "reference-liked-none", 0, 0),
            new Viewer("liked 100", "reference-liked-100", 100, 20));

    private ReferenceTimeline() {
    }

    static String timelineKey(String token) {
        return "ref:timeline:" + token;
    }

    static String statusKey(String id) {
        return "ref:status:" + id;
    }

    static String countsKey(String id) {
        return "ref:counts:" + id;
    }

    static String likedKey(String token) {
        return "ref:liked:" + token;
    }

    static String repostedKey(String token) {
        return "ref:reposted:" + token;
    }

    static String postId(int post) {
        return Long.toString(FIRST_ID + post);
    }

    /** The counts of post {@code post}, as the JSON fragment the reader splices in. */
    static String counts(int post) {
        return String.format(Locale.ROOT, "\"replies_count\":%d,\"reblogs_count\":%d,\"favourites_count\":%d",
                post % 3, post % 7, post % 11);
    }

    /**
     * Empties the database and writes the timelines, each post rendered from {@code statusTemplate} (one Status as
     * the service renders it, so a page weighs what the service's does) with its own id.
     */
    public static void seed(String redisUri, ObjectMapper json, ObjectNode statusTemplate) {
        withRedis(redisUri, redis -> {
            redis.flushdb();
            Map<String, String> statuses = new LinkedHashMap<>();
            Map<String, String> counts = new LinkedHashMap<>();
            List<ScoredValue<String>> timeline = new ArrayList<>();
            for (int post = 0; post < ENTRIES; post++) {
                String id = postId(post);
                statuses.put(statusKey(id), render(json, statusTemplate, id));
                counts.put(countsKey(id), counts(post));
                timeline.add(ScoredValue.just(post, id));
            }
            redis.mset(statuses);
            redis.mset(counts);
            @SuppressWarnings("unchecked")
            ScoredValue<String>[] entries = timeline.toArray(new ScoredValue[0]);
            for (Viewer viewer : VIEWERS) {
                redis.zadd(timelineKey(viewer.token()), entries);
                for (int post = 0; post < ENTRIES; post++) {
                    if (viewer.likes(post)) {
                        redis.sadd(likedKey(viewer.token()), postId(post));
                    }
                    if (viewer.reposted(post)) {
                        redis.sadd(repostedKey(viewer.token()), postId(post));
                    }
                }
            }
        });
    }

    /** Empties the reference's database, so nothing of it stays in the stack's Redis. */
    public static void clear(String redisUri) {
        withRedis(redisUri, RedisCommands::flushdb);
    }

    static String render(ObjectMapper json, ObjectNode template, String id) {
        ObjectNode status = template.deepCopy();
        status.remove(SPLICED_FIELDS);
        status.put("id", id);
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void withRedis(String redisUri, java.util.function.Consumer<RedisCommands<String, String>> work) {
        URI uri = URI.create(redisUri);
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(uri.getHost()).withPort(uri.getPort())
                .withDatabase(DATABASE).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
