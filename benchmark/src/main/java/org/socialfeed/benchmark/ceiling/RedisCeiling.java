package org.socialfeed.benchmark.ceiling;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.socialfeed.benchmark.load.Executables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Redis's own ceiling for the two commands the feed lives on, against the same redis-server the services use, in a
 * database of its own (emptied afterwards): pipelined ZADD into sets of up to 800 members (fan-out) and ZREVRANGE
 * 0 19 on an 800-member set (a page of a home timeline). Uses {@code redis-benchmark} when it is on the PATH
 * (Debian's redis-tools); otherwise measures the same with its own pipelined Lettuce client, and says which.
 */
public final class RedisCeiling {

    static final int DATABASE = 15;
    static final int SET_SIZE = 800;
    static final String TIMELINE_KEY = "bench:ceiling:timeline";
    private static final int CLIENTS = 50;
    private static final int ZADD_PIPELINE = 32;
    private static final int ZREVRANGE_PIPELINE = 16;

    private final String host;
    private final int port;
    private final long requests;

    public RedisCeiling(String host, int port, long requests) {
        this.host = host;
        this.port = port;
        this.requests = requests;
    }

    public List<CeilingResult> measure() throws IOException, InterruptedException {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withDatabase(DATABASE).withTimeout(Duration.ofSeconds(30)).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.flushdb();
            for (int member = 0; member < SET_SIZE; member++) {
                redis.zadd(TIMELINE_KEY, member, Integer.toString(member));
            }
            Path tool = redisBenchmark();
            List<CeilingResult> results = tool != null ? withRedisBenchmark(tool) : withLettuce(client);
            redis.flushdb();
            return results;
        } finally {
            client.shutdown();
        }
    }

    private List<CeilingResult> withRedisBenchmark(Path tool) throws IOException, InterruptedException {
        List<String> zadd = command(tool, ZADD_PIPELINE, "-r", String.valueOf(SET_SIZE),
                "zadd", "bench:ceiling:tl:__rand_int__", "__rand_int__", "member:__rand_int__");
        List<String> zrevrange = command(tool, ZREVRANGE_PIPELINE, "zrevrange", TIMELINE_KEY, "0", "19");
        return List.of(
                new CeilingResult("redis ZADD pipelined", run(zadd), "redis-benchmark", String.join(" ", zadd)),
                new CeilingResult("redis ZREVRANGE 0 19 pipelined", run(zrevrange), "redis-benchmark",
                        String.join(" ", zrevrange)));
    }

    private List<String> command(Path tool, int pipeline, String... test) {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-h", host, "-p", String.valueOf(port),
                "--dbnum", String.valueOf(DATABASE), "-c", String.valueOf(CLIENTS), "-P", String.valueOf(pipeline),
                "-n", String.valueOf(requests), "--csv"));
        command.addAll(List.of(test));
        return command;
    }

    private static double run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("redis-benchmark failed: " + output);
        }
        return parseCsvRequestsPerSecond(output);
    }

    /** The requests per second of the last result line of {@code redis-benchmark --csv} ("test","rps",...). */
    static double parseCsvRequestsPerSecond(String csv) {
        double rps = -1;
        for (String line : csv.split("\\R")) {
            String[] fields = line.split("\",\"");
            if (fields.length >= 2 && line.startsWith("\"") && !line.startsWith("\"test\"")) {
                try {
                    rps = Double.parseDouble(fields[1].replace("\"", ""));
                } catch (NumberFormatException ignored) {
                    // a progress or header line
                }
            }
        }
        if (rps < 0) {
            throw new IllegalStateException("no result in redis-benchmark output: " + csv);
        }
        return rps;
    }

    private List<CeilingResult> withLettuce(RedisClient client) throws InterruptedException {
        String setup = String.format(Locale.ROOT, "Lettuce %d connections, auto-flush off, pipeline %%d, %,d requests",
                CLIENTS, requests);
        double zadd = pipelined(client, ZADD_PIPELINE, (redis, random) -> redis.zadd(
                "bench:ceiling:tl:" + random.nextInt(SET_SIZE), random.nextInt(SET_SIZE),
                "member:" + random.nextInt(SET_SIZE)));
        double zrevrange = pipelined(client, ZREVRANGE_PIPELINE, (redis, random) -> redis.zrevrange(TIMELINE_KEY, 0, 19));
        return List.of(
                new CeilingResult("redis ZADD pipelined", zadd, "harness Lettuce client (redis-benchmark not on PATH)",
                        String.format(setup, ZADD_PIPELINE) + ", ZADD into 800 sets of up to 800 members"),
                new CeilingResult("redis ZREVRANGE 0 19 pipelined", zrevrange,
                        "harness Lettuce client (redis-benchmark not on PATH)",
                        String.format(setup, ZREVRANGE_PIPELINE) + ", one 800-member set"));
    }

    /** Requests per second of {@code CLIENTS} connections each sending batches of {@code pipeline} commands. */
    private double pipelined(RedisClient client, int pipeline,
                             BiFunction<RedisAsyncCommands<String, String>, ThreadLocalRandom, RedisFuture<?>> command)
            throws InterruptedException {
        long perClient = Math.max(1, requests / CLIENTS / pipeline) * pipeline;
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                StatefulRedisConnection<String, String> connection = client.connect();
                connection.setAutoFlushCommands(false);
                connections.add(connection);
            }
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (StatefulRedisConnection<String, String> connection : connections) {
                done.add(threads.submit(() -> {
                    RedisAsyncCommands<String, String> redis = connection.async();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    RedisFuture<?>[] batch = new RedisFuture<?>[pipeline];
                    for (long sent = 0; sent < perClient; sent += pipeline) {
                        for (int i = 0; i < pipeline; i++) {
                            batch[i] = command.apply(redis, random);
                        }
                        connection.flushCommands();
                        if (!LettuceFutures.awaitAll(Duration.ofSeconds(30), batch)) {
                            throw new IllegalStateException("Redis did not answer a pipelined batch in 30 s");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return perClient * CLIENTS / seconds;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Lettuce ceiling run failed", e.getCause());
        } finally {
            threads.shutdownNow();
            connections.forEach(StatefulRedisConnection::close);
        }
    }

    /** {@code redis-benchmark} from the PATH, unless {@code SOCIALFEED_BENCH_NO_REDIS_BENCHMARK} is set. */
    static Path redisBenchmark() {
        return Executables.onPath("redis-benchmark", "SOCIALFEED_BENCH_NO_REDIS_BENCHMARK");
    }
}
