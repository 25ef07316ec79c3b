package org.socialfeed.benchmark.capacity;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.socialfeed.stack.ManagedProcess;
import org.socialfeed.stack.Ports;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.stack.RedisNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The per-item Redis figures behind docs/capacity-model.md, measured on this machine with the stack's own
 * redis-server and settings: bytes per key of each kind ({@code MEMORY USAGE}) and Redis CPU per command of the fan-out
 * insert and the home page read (the process's CPU time from {@code INFO cpu}), plus what a cluster's pub/sub
 * broadcast costs the nodes. Run: {@code mvn -q -o -pl benchmark -am package -DskipTests && java -cp
 * "benchmark/target/benchmark-0.1.0.jar:benchmark/target/lib/*" org.socialfeed.benchmark.capacity.RedisFootprint}.
 */
public final class RedisFootprint {

    private static final int TIMELINE_CAP = 800;
    private static final int TIMELINES = 2_000;
    private static final int INSERTS = 200_000;
    private static final int READS = 50_000;
    private static final int PAGE = 20;
    /** A rendered Status of a short post, and a post as feed-service caches it (sizes of the local stack's pages). */
    private static final int STATUS_BYTES = 1_500;
    private static final int POST_JSON_BYTES = 600;
    private static final int PUBLISHES = 100_000;

    private RedisFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("redis-footprint-");
        int port = Ports.free();
        try (ManagedProcess redis = RedisNode.start(port, directory.resolve("node"), directory.resolve("logs"))) {
            RedisClient client = RedisClient.create(RedisNode.uri(port));
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                measureNode(connection);
            } finally {
                client.shutdown();
            }
        }
        try (RedisCluster cluster = RedisCluster.start(RedisCluster.freePorts(3), 3, directory.resolve("cluster"),
                directory.resolve("logs"))) {
            measureBroadcast(cluster);
        }
    }

    private static void measureNode(StatefulRedisConnection<String, String> connection) {
        RedisCommands<String, String> redis = connection.sync();
        System.out.println("## Memory (MEMORY USAGE, bytes)");
        for (int i = 0; i < TIMELINES; i++) {
            String key = "tl:" + i;
            pipelined(connection, pipeline -> LongStream.range(0, TIMELINE_CAP).forEach(id ->
                    pipeline.send(commands -> commands.zadd(key, postId(id), Long.toString(postId(id))))));
        }
        report("home timeline, 800 entries", redis.memoryUsage("tl:0"), TIMELINE_CAP);
        for (int members : List.of(100, 1_000, 10_000, 100_000)) {
            String key = "followers:" + members;
            pipelined(connection, pipeline -> LongStream.range(0, members).forEach(i ->
                    pipeline.send(commands -> commands.sadd(key, Long.toString(accountId())))));
            report("follower set, " + members + " ids", redis.memoryUsage(key), members);
        }
        redis.set("view:1", "x".repeat(STATUS_BYTES));
        redis.set("post:1", "x".repeat(POST_JSON_BYTES));
        report("cached post view (" + STATUS_BYTES + " B rendered Status)", redis.memoryUsage("view:1"), 1);
        report("cached post JSON (" + POST_JSON_BYTES + " B)", redis.memoryUsage("post:1"), 1);
        pipelined(connection, pipeline -> LongStream.range(0, 200).forEach(i -> pipeline.send(commands ->
                commands.zadd("notif:{1}:recent", postId(i), postId(i) + "|favourite|" + accountId() + "|"
                        + postId(i) + "|fav-" + postId(i) + "|2026-11-27T19:00:00.000Z"))));
        report("notification recent set, 200 entries", redis.memoryUsage("notif:{1}:recent"), 200);

        System.out.println("## Redis CPU (INFO cpu: used_cpu_sys + used_cpu_user of the process, I/O included)");
        double beforeInserts = cpuSeconds(redis);
        pipelined(connection, pipeline -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < INSERTS; i++) {
                String key = "tl:" + random.nextInt(TIMELINES);
                long id = postId(TIMELINE_CAP + i);
                pipeline.send(commands -> commands.zadd(key, id, Long.toString(id)));
                pipeline.send(commands -> commands.zremrangebyrank(key, 0, -(TIMELINE_CAP + 1L)));
            }
        });
        report("fan-out insert (ZADD + ZREMRANGEBYRANK into a full timeline)", beforeInserts, cpuSeconds(redis),
                INSERTS);
        for (int i = 0; i < 1_000; i++) {
            redis.set("view:" + postId(i), "x".repeat(STATUS_BYTES));
        }
        double beforeReads = cpuSeconds(redis);
        pipelined(connection, pipeline -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < READS; i++) {
                String timeline = "tl:" + random.nextInt(TIMELINES);
                String[] views = random.ints(PAGE, 0, 1_000).mapToObj(n -> "view:" + postId(n)).toArray(String[]::new);
                pipeline.send(commands -> commands.zrevrange(timeline, 0, PAGE - 1));
                pipeline.send(commands -> commands.mget(views));
            }
        });
        report("home page (ZREVRANGE 0 19 + MGET of 20 rendered posts)", beforeReads, cpuSeconds(redis), READS);
    }

    /** The same publishes on one node of a cluster and on a lone node: the cluster forwards each to every node. */
    private static void measureBroadcast(RedisCluster cluster) {
        String message = "x".repeat(STATUS_BYTES);
        RedisCluster.Node publisher = cluster.primaries().get(0);
        Map<Integer, Double> before = cpuSeconds(cluster);
        RedisCluster.onNode(publisher, redis -> {
            for (int i = 0; i < PUBLISHES; i++) {
                redis.publish("notifications:live", message);
            }
            return null;
        });
        Map<Integer, Double> after = cpuSeconds(cluster);
        System.out.println("## Cluster pub/sub: " + PUBLISHES + " PUBLISH of " + STATUS_BYTES
                + " B on one node of three, no subscribers (INFO cpu, used_cpu_sys + used_cpu_user)");
        for (RedisCluster.Node node : cluster.nodes()) {
            double seconds = after.get(node.port()) - before.get(node.port());
            System.out.printf("node %d%s: %.1f us per publish%n", node.port(), node == publisher ? " (publisher)" : "",
                    seconds * 1e6 / PUBLISHES);
        }
    }

    private static Map<Integer, Double> cpuSeconds(RedisCluster cluster) {
        return cluster.nodes().stream().collect(Collectors.toMap(RedisCluster.Node::port,
                node -> RedisCluster.onNode(node, RedisFootprint::cpuSeconds)));
    }

    /** The CPU time the redis-server process has used, in seconds. */
    private static double cpuSeconds(RedisCommands<String, String> redis) {
        return redis.info("cpu").lines()
                .filter(line -> line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()))
                .sum();
    }

    /** Sends the commands {@code body} gives without waiting for each answer, then waits for all of them. */
    private static void pipelined(StatefulRedisConnection<String, String> connection, Consumer<Pipeline> body) {
        Pipeline pipeline = new Pipeline(connection.async());
        body.accept(pipeline);
        pipeline.await();
    }

    private static final class Pipeline {
        private final RedisAsyncCommands<String, String> commands;
        private final List<RedisFuture<?>> pending = new ArrayList<>();

        private Pipeline(RedisAsyncCommands<String, String> commands) {
            this.commands = commands;
        }

        void send(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
            pending.add(command.apply(commands));
            if (pending.size() >= 10_000) {
                await();
            }
        }

        void await() {
            pending.forEach(future -> future.toCompletableFuture().join());
            pending.clear();
        }
    }

    private static void report(String what, double cpuBefore, double cpuAfter, int operations) {
        System.out.printf("%-60s %6.1f us each (%,d)%n", what, (cpuAfter - cpuBefore) * 1e6 / operations, operations);
    }

    private static void report(String what, long bytes, int items) {
        System.out.printf("%-45s %,10d B  %8.1f B each%n", what, bytes, (double) bytes / items);
    }

    /**
     * A time-ordered id as the services make them (service-support {@code SnowflakeIds}: milliseconds since
     * 2025-01-01, shifted by 12 bits, below 2^53), one per millisecond from late 2026: members and scores take the
     * space real ones take.
     */
    private static long postId(long sequence) {
        return (60_000_000_000L + sequence) << 12;
    }

    private static long accountId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 53);
    }
}
